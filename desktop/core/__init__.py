"""Pure logic: no Qt, sockets, audio library or SDK. Values in, values out."""
