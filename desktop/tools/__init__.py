"""Function-calling tools: the registry, the runner, and the tools themselves (no Qt).

Adding a tool is one function with a typed signature and a docstring (see
`desktop.core.tool_schema`), registered in `builtin.build_registry`. Effects that need the
window (clipboard, highlight, a confirmation) go through `builtin.ToolEffects`.
"""
