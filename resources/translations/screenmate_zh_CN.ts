<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Screenmate</source>
        <translation>关于 Screenmate</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Talk with Google&apos;s Gemini Live about what is on your screen: your voice and the part of the screen you choose go to the model, its answers come back as speech and text.</source>
        <translation>与 Google 的 Gemini Live 谈论屏幕上的内容：您的语音和所选的屏幕区域会发送给模型，它的回答以语音和文字返回。</translation>
    </message>
    <message>
        <source>Not connected yet.</source>
        <translation>尚未连接。</translation>
    </message>
    <message>
        <source>This run uses the offline demo: a model emulator built into Screenmate answers on this computer. Nothing is sent to Google. Enter a Gemini API key in Settings to talk to Gemini.</source>
        <translation>本次运行使用离线演示：由 Screenmate 内置的模型模拟器在本机作答，不会向 Google 发送任何内容。在设置中输入 Gemini API 密钥即可与 Gemini 对话。</translation>
    </message>
    <message>
        <source>This run talks to Google&apos;s Gemini Live API with your API key. What you say, type and share is sent to Google and billed to that key.</source>
        <translation>本次运行使用您的 API 密钥连接 Google 的 Gemini Live API。您说的、输入的和共享的内容会发送给 Google，并计入该密钥的费用。</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Screenmate is licensed under %1. It is built on:</source>
        <translation>Screenmate 以 %1 许可发布，基于以下项目构建：</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
</context>
<context>
    <name>AudioMessages</name>
    <message>
        <source>The microphone “%1” stopped delivering audio; retrying in the background…</source>
        <translation>麦克风“%1”不再传来声音；正在后台重试…</translation>
    </message>
    <message>
        <source>The microphone “%1” stopped; retrying in the background…</source>
        <translation>麦克风“%1”已停止；正在后台重试…</translation>
    </message>
    <message>
        <source>The speaker “%1” stopped playing; retrying in the background…</source>
        <translation>扬声器“%1”停止播放；正在后台重试…</translation>
    </message>
    <message>
        <source>The speaker “%1” stopped; retrying in the background…</source>
        <translation>扬声器“%1”已停止；正在后台重试…</translation>
    </message>
    <message>
        <source>Cannot open the microphone “%1”: %2</source>
        <translation>无法打开麦克风“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot open the speaker “%1”: %2</source>
        <translation>无法打开扬声器“%1”：%2</translation>
    </message>
    <message>
        <source>The microphone “%1” is not available; using “%2”.</source>
        <translation>麦克风“%1”不可用；改用“%2”。</translation>
    </message>
    <message>
        <source>The speaker “%1” is not available; using “%2”.</source>
        <translation>扬声器“%1”不可用；改用“%2”。</translation>
    </message>
    <message>
        <source>No microphone was found.</source>
        <translation>未找到麦克风。</translation>
    </message>
    <message>
        <source>No speaker or headphones were found.</source>
        <translation>未找到扬声器或耳机。</translation>
    </message>
    <message>
        <source>Sound is not available: the PortAudio library is missing (%2).</source>
        <translation>声音不可用：缺少 PortAudio 库（%2）。</translation>
    </message>
    <message>
        <source>The microphone failed: %2</source>
        <translation>麦克风出错：%2</translation>
    </message>
    <message>
        <source>The speaker failed: %2</source>
        <translation>扬声器出错：%2</translation>
    </message>
    <message>
        <source>Voice is off; you can still type.</source>
        <translation>语音已关闭；您仍可以打字。</translation>
    </message>
    <message>
        <source>A companion device is talking; the microphone waits.</source>
        <translation>配套设备正在说话；麦克风等待中。</translation>
    </message>
</context>
<context>
    <name>AudioSettingsBox</name>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>麦克风(&amp;M):</translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation>扬声器(&amp;P):</translation>
    </message>
    <message>
        <source>Hands-free (the model hears when you talk)</source>
        <translation>免提（模型会自动听到您说话）</translation>
    </message>
    <message>
        <source>Push-to-talk (hold the talk button)</source>
        <translation>按键通话（按住通话按钮）</translation>
    </message>
    <message>
        <source>&amp;Talk mode:</source>
        <translation>通话模式(&amp;T):</translation>
    </message>
    <message>
        <source>Echo cancellation (speakers)</source>
        <translation>回声消除（扬声器）</translation>
    </message>
    <message>
        <source>Half-duplex: pause the mic while the model speaks</source>
        <translation>半双工：模型说话时暂停麦克风</translation>
    </message>
    <message>
        <source>None (headphones)</source>
        <translation>无（耳机）</translation>
    </message>
    <message>
        <source>&amp;Echo:</source>
        <translation>回声(&amp;E):</translation>
    </message>
    <message>
        <source>Start-of-speech sensitivity:</source>
        <translation>语音开始灵敏度：</translation>
    </message>
    <message>
        <source>End-of-speech sensitivity:</source>
        <translation>语音结束灵敏度：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>服务器默认</translation>
    </message>
    <message>
        <source>Silence that ends a turn:</source>
        <translation>结束一轮的静音时长：</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
</context>
<context>
    <name>DesktopSettingsBox</name>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hold anywhere to talk, e.g. ctrl+alt+space, ctrl+shift+f12, pause</source>
        <translation>在任何地方按住即可说话，例如 ctrl+alt+space、ctrl+shift+f12、pause</translation>
    </message>
    <message>
        <source>Push-to-talk &amp;hotkey:</source>
        <translation>按键通话快捷键(&amp;H):</translation>
    </message>
    <message>
        <source>Let paired watches and phones join</source>
        <translation>允许已配对的手表和手机加入</translation>
    </message>
    <message>
        <source>Companions:</source>
        <translation>配套设备：</translation>
    </message>
    <message>
        <source>Companion &amp;port:</source>
        <translation>配套设备端口(&amp;P):</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>界面语言(&amp;I):</translation>
    </message>
</context>
<context>
    <name>DesktopShell</name>
    <message>
        <source>No microphone was found, so voice is off: type your questions in the box at the bottom of the window.</source>
        <translation>未找到麦克风，语音已关闭：请在窗口底部的输入框中输入问题。</translation>
    </message>
    <message>
        <source>Hold the &lt;b&gt;Talk&lt;/b&gt; button while you speak, or press Ctrl+T.</source>
        <translation>说话时按住&lt;b&gt;说话&lt;/b&gt;按钮，或按 Ctrl+T。</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;%1&lt;/b&gt; anywhere to talk, release to send.</source>
        <translation>在任意位置按住 &lt;b&gt;%1&lt;/b&gt; 说话，松开即发送。</translation>
    </message>
    <message>
        <source>The tray icon shows when the model listens or speaks.</source>
        <translation>托盘图标会显示模型何时在听、何时在说。</translation>
    </message>
    <message>
        <source>The push-to-talk hotkey %1 is not valid: %2</source>
        <translation>按键通话快捷键 %1 无效：%2</translation>
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation>建议：%1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Screenmate</source>
        <translation>欢迎使用 Screenmate</translation>
    </message>
    <message>
        <source>Talk to Gemini Live about what is on your screen.</source>
        <translation>与 Gemini Live 讨论您屏幕上的内容。</translation>
    </message>
    <message>
        <source>No API key is set, so you are in the &lt;b&gt;offline demo&lt;/b&gt;: a built-in emulator answers with what it received. Nothing leaves this computer.</source>
        <translation>尚未设置 API 密钥，因此您处于&lt;b&gt;离线演示&lt;/b&gt;模式：内置模拟器会复述它收到的内容。任何数据都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>An API key is set: Screenmate talks to Google&apos;s Gemini Live.</source>
        <translation>已设置 API 密钥：Screenmate 将与 Google 的 Gemini Live 对话。</translation>
    </message>
    <message>
        <source>For real answers, get a key at aistudio.google.com and paste it into Settings (it is stored in the OS keychain, never in a file), or set GEMINI_API_KEY.</source>
        <translation>如需真实回答，请在 aistudio.google.com 获取密钥并粘贴到“设置”中（密钥保存在系统钥匙串中，绝不写入文件），或设置 GEMINI_API_KEY。</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;%1&lt;/b&gt; anywhere to talk, release to send. The tray icon shows when the model listens or speaks.</source>
        <translation>在任何地方按住 &lt;b&gt;%1&lt;/b&gt; 说话，松开即发送。托盘图标会显示模型正在聆听还是正在说话。</translation>
    </message>
    <message>
        <source>the Talk button</source>
        <translation>通话按钮</translation>
    </message>
    <message>
        <source>macOS will ask for the microphone and for Screen Recording; the hotkey needs Accessibility (System Settings › Privacy &amp; Security).</source>
        <translation>macOS 会请求麦克风和屏幕录制权限；快捷键需要“辅助功能”权限（系统设置 › 隐私与安全性）。</translation>
    </message>
    <message>
        <source>Windows may ask once for microphone access (Settings › Privacy).</source>
        <translation>Windows 可能会请求一次麦克风访问权限（设置 › 隐私）。</translation>
    </message>
    <message>
        <source>Linux needs no permission on X11. On Wayland, screen sharing and the hotkey are limited; the camera and the window still work.</source>
        <translation>Linux 在 X11 下无需任何权限。在 Wayland 下，屏幕共享和快捷键受限；摄像头和窗口仍可正常使用。</translation>
    </message>
    <message>
        <source>Pick a Region to Share…</source>
        <translation>选择要共享的区域…</translation>
    </message>
    <message>
        <source>Enter an API Key…</source>
        <translation>输入 API 密钥…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>GlobalHotkey</name>
    <message>
        <source>Wayland does not let apps watch global keys. Use the Talk button or the tray menu, or bind a desktop shortcut to the tray&apos;s Talk item (GNOME/KDE settings).</source>
        <translation>Wayland 不允许应用监听全局按键。请使用“说话”按钮或托盘菜单，或在 GNOME/KDE 设置中为托盘的“说话”项绑定桌面快捷键。</translation>
    </message>
    <message>
        <source>On Wayland the hotkey works only while an X11 (XWayland) window has the focus. For a system-wide key, log in to an X11 session or use the tray&apos;s Talk item.</source>
        <translation>在 Wayland 上，只有当 X11（XWayland）窗口获得焦点时快捷键才有效。如需全局按键，请登录 X11 会话或使用托盘的“说话”项。</translation>
    </message>
    <message>
        <source>No X display, so there is no global hotkey.</source>
        <translation>没有 X 显示，因此无法使用全局快捷键。</translation>
    </message>
    <message>
        <source>%1 is already used by another program. Pick another push-to-talk key in Settings (for example Ctrl+Shift+F12 or Pause).</source>
        <translation>%1 已被其他程序占用。请在设置中选择其他按键通话快捷键（例如 Ctrl+Shift+F12 或 Pause）。</translation>
    </message>
    <message>
        <source>Global hotkeys are unavailable here (%1).</source>
        <translation>此处无法使用全局快捷键（%1）。</translation>
    </message>
    <message>
        <source>macOS blocks the push-to-talk hotkey until Screenmate is allowed in System Settings › Privacy &amp; Security › Accessibility (and Input Monitoring).</source>
        <translation>在“系统设置 › 隐私与安全性 › 辅助功能（以及输入监控）”中允许 Screenmate 之前，macOS 会阻止按键通话快捷键。</translation>
    </message>
    <message>
        <source>The global hotkey could not start (on X11 the server needs the RECORD extension). Use the Talk button or the tray.</source>
        <translation>全局快捷键无法启动（在 X11 上服务器需要 RECORD 扩展）。请使用“说话”按钮或托盘。</translation>
    </message>
</context>
<context>
    <name>GroundingPanel</name>
    <message>
        <source>Sources (Google Search)</source>
        <translation>来源（Google 搜索）</translation>
    </message>
    <message>
        <source>Sources of the answer</source>
        <translation>回答的来源</translation>
    </message>
    <message>
        <source>The pages the answer drew on, and Google&apos;s search suggestions.</source>
        <translation>回答所依据的网页，以及 Google 的搜索建议。</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>History is off this time: the database could not be opened.</source>
        <translation>本次未记录历史：无法打开数据库。</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>First line</source>
        <translation>第一句</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Screenmate — History</source>
        <translation>Screenmate — 历史记录</translation>
    </message>
    <message>
        <source>Search every line of every session</source>
        <translation>搜索所有会话的每一行</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Past sessions: date, duration, first line, tokens, cost.</source>
        <translation>以往会话：日期、时长、第一句、令牌数、费用。</translation>
    </message>
    <message>
        <source>Selected session&apos;s transcript</source>
        <translation>所选会话的记录</translation>
    </message>
    <message>
        <source>History file</source>
        <translation>历史记录文件</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>导出 Markdown…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Save the selected session as a Markdown file.</source>
        <translation>将所选会话另存为 Markdown 文件。</translation>
    </message>
    <message>
        <source>Save the selected session as a JSON file.</source>
        <translation>将所选会话另存为 JSON 文件。</translation>
    </message>
    <message>
        <source>Delete the selected session from the history.</source>
        <translation>从历史记录中删除所选会话。</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>(no lines)</source>
        <translation>（无内容）</translation>
    </message>
    <message>
        <source>session</source>
        <translation>个会话</translation>
    </message>
    <message>
        <source>sessions</source>
        <translation>个会话</translation>
    </message>
    <message>
        <source> found</source>
        <translation> 已找到</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>未知模型</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个令牌</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Export session</source>
        <translation>导出会话</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>删除会话</translation>
    </message>
    <message>
        <source>Delete the session of %1 (%2 lines)? This cannot be undone.</source>
        <translation>删除 %1 的会话（%2 行）？此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>HotkeyMessages</name>
    <message>
        <source>Type a key combination.</source>
        <translation>请输入一个组合键。</translation>
    </message>
    <message>
        <source>A hotkey needs exactly one key besides Ctrl, Alt, Shift, Super.</source>
        <translation>快捷键除 Ctrl、Alt、Shift、Super 外需要且只需要一个键。</translation>
    </message>
    <message>
        <source>A modifier key is named twice.</source>
        <translation>某个修饰键重复出现。</translation>
    </message>
    <message>
        <source>Unknown key “%1”.</source>
        <translation>未知按键“%1”。</translation>
    </message>
    <message>
        <source>Use a letter, a digit or a named key instead of “%1”.</source>
        <translation>请用字母、数字或有名称的按键代替“%1”。</translation>
    </message>
    <message>
        <source>This key would fire while you type; add Ctrl, Alt or Super.</source>
        <translation>打字时会误触发此键；请加上 Ctrl、Alt 或 Super。</translation>
    </message>
    <message>
        <source>Shift alone types text; add Ctrl, Alt or Super.</source>
        <translation>仅用 Shift 会输入文字；请加上 Ctrl、Alt 或 Super。</translation>
    </message>
    <message>
        <source>input source / Spotlight / launcher</source>
        <translation>切换输入源 / Spotlight / 启动器</translation>
    </message>
    <message>
        <source>input method switching and code completion</source>
        <translation>切换输入法和代码补全</translation>
    </message>
    <message>
        <source>the window menu</source>
        <translation>窗口菜单</translation>
    </message>
    <message>
        <source>the system&apos;s security screen</source>
        <translation>系统安全界面</translation>
    </message>
    <message>
        <source>switching windows</source>
        <translation>切换窗口</translation>
    </message>
    <message>
        <source>closing the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>opening a terminal</source>
        <translation>打开终端</translation>
    </message>
    <message>
        <source>locking the screen</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>editor parameter hints</source>
        <translation>编辑器参数提示</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>taking a screenshot</source>
        <translation>截屏</translation>
    </message>
    <message>
        <source>%1 is normally used for %2; pick another.</source>
        <translation>%1 通常用于%2；请另选一个。</translation>
    </message>
</context>
<context>
    <name>KeyEntryBox</name>
    <message>
        <source>Gemini API key</source>
        <translation>Gemini API 密钥</translation>
    </message>
    <message>
        <source>Paste a key to store it in the OS keychain</source>
        <translation>粘贴密钥以保存到系统钥匙串</translation>
    </message>
    <message>
        <source>Show key</source>
        <translation>显示密钥</translation>
    </message>
    <message>
        <source>Save to Keychain</source>
        <translation>保存到钥匙串</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Test Key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <source>No keychain to save the key in</source>
        <translation>没有钥匙串可保存密钥</translation>
    </message>
    <message>
        <source>This system has no OS keychain Screenmate can use (on Linux: no Secret Service, such as GNOME Keyring or KWallet, is running). Screenmate never writes keys to a file, so this key is used only until you quit.</source>
        <translation>此系统没有 Screenmate 可用的系统钥匙串（Linux 上：没有运行 Secret Service，例如 GNOME Keyring 或 KWallet）。Screenmate 从不把密钥写入文件，因此该密钥只在退出前有效。</translation>
    </message>
    <message>
        <source>To keep it, run this once in a Command Prompt, then restart Screenmate:</source>
        <translation>要长期保留，请在命令提示符中运行一次以下命令，然后重启 Screenmate：</translation>
    </message>
    <message>
        <source>To keep it, run this once in a terminal, then log out and back in (or start Screenmate from that terminal):</source>
        <translation>要长期保留，请在终端中运行一次以下命令，然后注销并重新登录（或从该终端启动 Screenmate）：</translation>
    </message>
    <message>
        <source>Command that sets GEMINI_API_KEY</source>
        <translation>设置 GEMINI_API_KEY 的命令</translation>
    </message>
    <message>
        <source>Key status</source>
        <translation>密钥状态</translation>
    </message>
    <message>
        <source>Copy Command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <source>Copies the line with your key: paste it only into your terminal</source>
        <translation>复制包含密钥的命令行：请只粘贴到您的终端中</translation>
    </message>
    <message>
        <source>Paste an API key into the field first.</source>
        <translation>请先在输入框中粘贴 API 密钥。</translation>
    </message>
    <message>
        <source>The OS keychain could not remove the key. Is it locked?</source>
        <translation>系统钥匙串无法删除该密钥。它是否已锁定？</translation>
    </message>
    <message>
        <source>There is no key to test: paste one first.</source>
        <translation>没有可测试的密钥：请先粘贴一个。</translation>
    </message>
    <message>
        <source>Testing the key…</source>
        <translation>正在测试密钥…</translation>
    </message>
    <message>
        <source>The key works. Save it to start using it.</source>
        <translation>密钥可用。保存后即可开始使用。</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>密钥有效。</translation>
    </message>
    <message>
        <source>The key was not checked.</source>
        <translation>密钥未经检查。</translation>
    </message>
    <message>
        <source>No network: couldn&apos;t reach Google. Check that this computer is online (and any proxy or firewall), then test again.</source>
        <translation>无网络：无法连接 Google。请检查这台电脑是否联网（以及代理或防火墙设置），然后重新测试。</translation>
    </message>
    <message>
        <source>Google didn&apos;t answer within %1 seconds. The connection may be slow or blocked; test again in a moment.</source>
        <translation>Google 在 %1 秒内没有应答。连接可能很慢或被阻止；请稍后重新测试。</translation>
    </message>
    <message>
        <source>The secure connection to Google failed: its certificate wasn&apos;t trusted. A proxy or security software may be intercepting HTTPS on this network.</source>
        <translation>与 Google 的安全连接失败：其证书不受信任。此网络中的代理或安全软件可能正在拦截 HTTPS。</translation>
    </message>
    <message>
        <source>The proxy refused the connection to Google. Check its settings.</source>
        <translation>代理拒绝了与 Google 的连接。请检查代理设置。</translation>
    </message>
    <message>
        <source>Google says this key isn&apos;t valid. Copy it again from aistudio.google.com/apikey: it starts with “AIza”.</source>
        <translation>Google 表示此密钥无效。请从 aistudio.google.com/apikey 重新复制：它以“AIza”开头。</translation>
    </message>
    <message>
        <source>This key has expired. Create a new one at aistudio.google.com/apikey.</source>
        <translation>此密钥已过期。请在 aistudio.google.com/apikey 创建新密钥。</translation>
    </message>
    <message>
        <source>This key may not use the Gemini API. In the key&apos;s Google Cloud project, enable the Generative Language API, or lift the key&apos;s API restrictions.</source>
        <translation>此密钥无权使用 Gemini API。请在该密钥所属的 Google Cloud 项目中启用 Generative Language API，或取消密钥的 API 限制。</translation>
    </message>
    <message>
        <source>The key is valid, but its quota is used up or it sent too many requests. Wait a minute, or check the plan and billing at aistudio.google.com.</source>
        <translation>密钥有效，但配额已用完或请求过多。请等一分钟，或在 aistudio.google.com 查看套餐和账单。</translation>
    </message>
    <message>
        <source>The Gemini API isn&apos;t available in your country or region. Screenmate can still run the offline demo.</source>
        <translation>Gemini API 在您所在的国家或地区不可用。Screenmate 仍可运行离线演示。</translation>
    </message>
    <message>
        <source>Google had a problem answering (HTTP %1); the key is probably fine. Test again in a minute.</source>
        <translation>Google 应答时出现问题（HTTP %1）；密钥很可能没有问题。请一分钟后重新测试。</translation>
    </message>
    <message>
        <source>The key could not be tested: %1</source>
        <translation>无法测试密钥：%1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>The key in the %1 environment variable is used; it takes precedence over the keychain.</source>
        <translation>正在使用环境变量 %1 中的密钥；它优先于钥匙串。</translation>
    </message>
    <message>
        <source>The key you entered is used until Screenmate quits (there is no keychain to save it in).</source>
        <translation>您输入的密钥将一直使用到 Screenmate 退出（没有钥匙串可保存它）。</translation>
    </message>
    <message>
        <source>A key is stored in the OS keychain and is used.</source>
        <translation>系统钥匙串中已保存密钥，正在使用。</translation>
    </message>
    <message>
        <source>No key is set, so Screenmate runs the offline demo with an emulated model. Get a key at aistudio.google.com.</source>
        <translation>未设置密钥，因此 Screenmate 以模拟模型运行离线演示。请在 aistudio.google.com 获取密钥。</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone input level</source>
        <translation>麦克风输入电平</translation>
    </message>
    <message>
        <source>How loud the microphone hears you, 0 to 100 %.</source>
        <translation>麦克风听到您的音量，0 到 100%。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Screenmate</source>
        <translation>Screenmate</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not delivered: %2. Press Enter to send it again.</source>
        <translation>“%1”未送达：%2。按 Enter 重新发送。</translation>
    </message>
    <message>
        <source>● You are speaking</source>
        <translation>● 您正在说话</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>What you and the model said, newest at the bottom.</source>
        <translation>您和模型说过的话，最新的在最下面。</translation>
    </message>
    <message>
        <source>Sources (Google Search)</source>
        <translation>来源（Google 搜索）</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <translation>输入消息并按回车</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Type a message and press Enter to send it.</source>
        <translation>输入消息，按回车发送。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the typed message.</source>
        <translation>发送输入的消息。</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting (attempt %n)…</source>
        <translation>
            <numerusform>正在重新连接（第 %n 次）…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %1 s (attempt %n)…</source>
        <translation>
            <numerusform>%1 秒后重新连接（第 %n 次）…</numerusform>
        </translation>
    </message>
    <message>
        <source>The model is waiting for you to say more.</source>
        <translation>模型在等您继续说。</translation>
    </message>
    <message>
        <source>The model ended its answer early (%1).</source>
        <translation>模型提前结束了回答（%1）。</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Voice: %1 · Language: %2</source>
        <translation>语音：%1 · 语言：%2</translation>
    </message>
    <message>
        <source>Opening the Live API endpoint.</source>
        <translation>正在打开 Live API 端点。</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>重新连接(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Type a Message</source>
        <translation>输入消息(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Screenmate</source>
        <translation>关于 Screenmate(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Pair a Device…</source>
        <translation>配对设备(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>对话记录(&amp;T)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Session state indicator</source>
        <translation>会话状态指示</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <source>Try to reconnect now instead of waiting.</source>
        <translation>立即尝试重新连接，而不是等待。</translation>
    </message>
    <message>
        <source>Latest turn&apos;s tokens</source>
        <translation>最近一轮的令牌数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>last turn: %1 tokens</source>
        <translation>上一轮：%1 个令牌</translation>
    </message>
    <message>
        <source>Latest usage reported by the model</source>
        <translation>模型最近报告的用量</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>Response: %1</source>
        <translation>回复：%1</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>response</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>No Live API endpoint is open; see the status line.</source>
        <translation>没有打开的 Live API 端点；请查看状态栏。</translation>
    </message>
    <message>
        <source>Offline demo - emulated model</source>
        <translation>离线演示 - 模拟模型</translation>
    </message>
    <message>
        <source>No Gemini API key is set, so Screenmate talks to a built-in emulator that only echoes what it receives.
To talk to Gemini Live, set GEMINI_API_KEY in the environment, or enter a key in Session › Settings… (it is stored in the OS keychain), then reconnect.</source>
        <translation>未设置 Gemini API 密钥，因此 Screenmate 正在与内置模拟器对话，它只会复述收到的内容。
要与 Gemini Live 对话，请在环境变量中设置 GEMINI_API_KEY，或在“会话 › 设置…”中输入密钥（保存在系统钥匙串中），然后重新连接。</translation>
    </message>
    <message>
        <source>Gemini Live · %1</source>
        <translation>Gemini Live · %1</translation>
    </message>
    <message>
        <source>Google</source>
        <translation>Google</translation>
    </message>
    <message>
        <source>Connected through %1</source>
        <translation>通过 %1 连接</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Thinking:</source>
        <translation>思考(&amp;T):</translation>
    </message>
    <message>
        <source>Built-in list (no key, or the offline demo).</source>
        <translation>内置列表（无密钥或离线演示）。</translation>
    </message>
    <message>
        <source>Reading the models your key may use…</source>
        <translation>正在读取您的密钥可用的模型…</translation>
    </message>
    <message>
        <source>Built-in list: the models list could not be read.</source>
        <translation>内置列表：无法读取模型列表。</translation>
    </message>
    <message numerus="yes">
        <source>%n Live model(s) your key may use.</source>
        <translation>
            <numerusform>您的密钥可使用 %n 个 Live 模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in list: your key lists no Live model.</source>
        <translation>内置列表：您的密钥没有列出 Live 模型。</translation>
    </message>
</context>
<context>
    <name>ModelSuggestion</name>
    <message>
        <source>Your model is %1, Google&apos;s previous preview. Google recommends %2, the current Live model.</source>
        <translation>您的模型是 %1，即 Google 上一个预览版。Google 推荐当前的 Live 模型 %2。</translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>切换到 %1</translation>
    </message>
    <message>
        <source>Keep my model</source>
        <translation>保留我的模型</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>First time on a phone or watch: 1. open the certificate link below; 2. install it (Android: Settings › Security › Install a certificate › CA certificate; iPhone: install the profile, then enable it under General › About › Certificate Trust Settings); 3. check that its SHA-256 fingerprint matches the one shown here. It is valid only for this computer&apos;s names and addresses, so it cannot vouch for any other website. Without it, typing still works; the microphone needs it.</source>
        <translation>首次在手机或手表上使用：1. 打开下方的证书链接；2. 安装证书（Android：设置 › 安全 › 安装证书 › CA 证书；iPhone：安装描述文件，然后在 通用 › 关于本机 › 证书信任设置 中启用）；3. 核对其 SHA-256 指纹与此处显示的一致。该证书只对这台电脑的名称和地址有效，因此不能为其他任何网站担保。没有它也可以打字；麦克风则需要它。</translation>
    </message>
    <message>
        <source>Pair a device</source>
        <translation>配对设备</translation>
    </message>
    <message>
        <source>Scan with the phone or watch camera</source>
        <translation>用手机或手表的相机扫描</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>未在监听</translation>
    </message>
    <message>
        <source>Certificate SHA-256: %1</source>
        <translation>证书 SHA-256:%1</translation>
    </message>
    <message>
        <source>On the watch or phone, scan the QR code, or open the address and type the code.</source>
        <translation>在手表或手机上扫描二维码，或打开该地址并输入配对码。</translation>
    </message>
    <message>
        <source>Pairing QR code</source>
        <translation>配对二维码</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>配对代码</translation>
    </message>
    <message>
        <source>Address to open on the device</source>
        <translation>在设备上打开的地址</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新配对码</translation>
    </message>
    <message>
        <source>Withdraw this code and show a new one.</source>
        <translation>撤销此代码并显示新代码。</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>证书指纹</translation>
    </message>
    <message>
        <source>Certificate address</source>
        <translation>证书地址</translation>
    </message>
    <message>
        <source>Paired &amp;devices</source>
        <translation>已配对设备(&amp;D)</translation>
    </message>
    <message>
        <source>Paired devices</source>
        <translation>已配对设备</translation>
    </message>
    <message>
        <source>Each paired watch or phone: name, last seen, connected or not.</source>
        <translation>每个已配对的手表或手机：名称、最近在线时间、是否已连接。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>上次在线</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Remove the selected device; it must pair again to connect.</source>
        <translation>移除所选设备；它需要重新配对才能连接。</translation>
    </message>
    <message>
        <source>Single use · expires in %1 s</source>
        <translation>一次性 · %1 秒后过期</translation>
    </message>
    <message>
        <source>1 wrong attempt from %2</source>
        <translation>来自 %2 的 1 次错误尝试</translation>
    </message>
    <message>
        <source>%1 wrong attempts from %2</source>
        <translation>来自 %2 的 %1 次错误尝试</translation>
    </message>
    <message>
        <source> (locked out for 5 minutes)</source>
        <translation>（锁定 5 分钟）</translation>
    </message>
    <message>
        <source>Too many wrong codes: this code is off; scan the QR code or press New code.</source>
        <translation>错误代码过多：此代码已停用；请扫描二维码或点击“新代码”。</translation>
    </message>
    <message>
        <source>now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>%1 天前</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Drag to choose what the model sees · Enter keeps it · Esc cancels</source>
        <translation>拖动以选择模型看到的内容 · 回车确认 · Esc 取消</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Not connected; the message was not sent.</source>
        <translation>未连接；消息未发送。</translation>
    </message>
    <message>
        <source>New session · %1</source>
        <translation>新会话 · %1</translation>
    </message>
</context>
<context>
    <name>SessionMessages</name>
    <message>
        <source>Cannot connect to %1: the connection was refused.</source>
        <translation>无法连接到 %1：连接被拒绝。</translation>
    </message>
    <message>
        <source>No network: couldn&apos;t reach %1. Check the network connection.</source>
        <translation>无网络：无法连接 %1。请检查网络连接。</translation>
    </message>
    <message>
        <source>Connecting to %1 timed out.</source>
        <translation>连接 %1 超时。</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: the server&apos;s certificate is not trusted.</source>
        <translation>与 %1 的安全连接失败：服务器证书不受信任。</translation>
    </message>
    <message>
        <source>The server refused access (HTTP %3). Check the API key.</source>
        <translation>服务器拒绝访问（HTTP %3）。请检查 API 密钥。</translation>
    </message>
    <message>
        <source>The Live API endpoint was not found at %1 (HTTP 404).</source>
        <translation>在 %1 找不到 Live API 端点（HTTP 404）。</translation>
    </message>
    <message>
        <source>Too many requests (HTTP 429). Try again later.</source>
        <translation>请求过多（HTTP 429）。请稍后再试。</translation>
    </message>
    <message>
        <source>The server answered HTTP %3.</source>
        <translation>服务器返回 HTTP %3。</translation>
    </message>
    <message>
        <source>The server at %1 stopped answering.</source>
        <translation>服务器 %1 不再应答。</translation>
    </message>
    <message>
        <source>The server sent a malformed message.</source>
        <translation>服务器发送了格式错误的消息。</translation>
    </message>
    <message>
        <source>Internal error in Screenmate.</source>
        <translation>Screenmate 内部错误。</translation>
    </message>
    <message>
        <source>The API key was rejected. Check or renew the key in Settings.</source>
        <translation>API 密钥被拒绝。请在设置中检查或更新密钥。</translation>
    </message>
    <message>
        <source>Permission denied. Check that the key&apos;s project may use the Live API.</source>
        <translation>权限被拒绝。请检查该密钥所属项目是否可以使用 Live API。</translation>
    </message>
    <message>
        <source>The Live API isn&apos;t available in your country or region.</source>
        <translation>Live API 在您所在的国家或地区不可用。</translation>
    </message>
    <message>
        <source>Quota exceeded. Check the plan and billing of the key&apos;s project, or try again later.</source>
        <translation>已超出配额。请检查该密钥所属项目的套餐和账单，或稍后再试。</translation>
    </message>
    <message>
        <source>The session could not be resumed; starting a new one.</source>
        <translation>无法恢复会话；正在开始新会话。</translation>
    </message>
    <message>
        <source>The model is not available. Pick another in Settings.</source>
        <translation>该模型不可用。请在设置中选择其他模型。</translation>
    </message>
    <message>
        <source>The server rejected the request as invalid.</source>
        <translation>服务器以无效为由拒绝了请求。</translation>
    </message>
    <message>
        <source>The server refused the session (policy).</source>
        <translation>服务器拒绝了会话（策略）。</translation>
    </message>
    <message>
        <source>The server had an internal error.</source>
        <translation>服务器发生内部错误。</translation>
    </message>
    <message>
        <source>The server is busy.</source>
        <translation>服务器繁忙。</translation>
    </message>
    <message>
        <source>The connection dropped.</source>
        <translation>连接已断开。</translation>
    </message>
    <message>
        <source>The server ended the connection as announced; resuming.</source>
        <translation>服务器按预告结束了连接；正在恢复。</translation>
    </message>
    <message>
        <source>The server ended the connection.</source>
        <translation>服务器结束了连接。</translation>
    </message>
    <message>
        <source>The connection closed with code %3.</source>
        <translation>连接已关闭，代码 %3。</translation>
    </message>
    <message>
        <source>Started a new session with the last %3 turns as context.</source>
        <translation>已开始新会话，并以最近 %3 轮对话作为上下文。</translation>
    </message>
    <message>
        <source>Started a new session; the model does not know the earlier conversation.</source>
        <translation>已开始新会话；模型不知道之前的对话。</translation>
    </message>
    <message>
        <source>New settings in use; the conversation goes on.</source>
        <translation>新设置已生效；对话继续。</translation>
    </message>
    <message>
        <source>the server failed on it twice</source>
        <translation>服务器两次处理失败</translation>
    </message>
    <message>
        <source>%1 Starting a new session.</source>
        <translation>%1 正在开始新会话。</translation>
    </message>
    <message>
        <source>%1 This happened %2 times in a row: check the model and the key in Settings, then reconnect.</source>
        <translation>%1 已连续发生 %2 次：请在设置中检查模型和密钥，然后重新连接。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>English (US)</source>
        <translation>英语（美国）</translation>
    </message>
    <message>
        <source>English (UK)</source>
        <translation>英语（英国）</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>葡萄牙语（巴西）</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>Chinese (Mandarin)</source>
        <translation>中文（普通话）</translation>
    </message>
    <message>
        <source>Screenmate Settings</source>
        <translation>Screenmate 设置</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M):</translation>
    </message>
    <message>
        <source>&amp;Voice:</source>
        <translation>语音(&amp;V):</translation>
    </message>
    <message>
        <source>Response &amp;language:</source>
        <translation>回答语言(&amp;L):</translation>
    </message>
    <message>
        <source>Restore Default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>System &amp;instruction:</source>
        <translation>系统指令(&amp;I):</translation>
    </message>
    <message>
        <source>Instruction presets</source>
        <translation>指令预设</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>预设…</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Sharing &amp;&amp; Desktop</source>
        <translation>共享与桌面</translation>
    </message>
    <message>
        <source>OK saves these settings and reconnects the session with them.</source>
        <translation>点击“确定”将保存这些设置并用它们重新连接会话。</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置：%1</translation>
    </message>
    <message>
        <source>Screenmate</source>
        <translation>Screenmate</translation>
    </message>
    <message>
        <source>Screen-share assistant</source>
        <translation>屏幕共享助手</translation>
    </message>
    <message>
        <source>Coding helper</source>
        <translation>编程助手</translation>
    </message>
    <message>
        <source>Language tutor</source>
        <translation>语言辅导</translation>
    </message>
    <message>
        <source>Accessibility reader</source>
        <translation>无障碍朗读</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Talk while held (Talk button focused)</source>
        <translation>按住时说话（焦点在说话按钮上）</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Move between controls</source>
        <translation>在控件之间移动</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab、Shift+Tab</translation>
    </message>
    <message>
        <source>Clear the pointer highlight</source>
        <translation>清除指示高亮</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close History or a dialog</source>
        <translation>关闭历史记录或对话框</translation>
    </message>
    <message>
        <source>Esc, Ctrl+W</source>
        <translation>Esc、Ctrl+W</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Each action and the keys that do it</source>
        <translation>每个操作及其按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SideColumn</name>
    <message>
        <source>Side panels</source>
        <translation>侧边面板</translation>
    </message>
</context>
<context>
    <name>SourceLabels</name>
    <message>
        <source>Region %1×%2 at %3,%4</source>
        <translation>区域 %1×%2，位于 %3,%4</translation>
    </message>
    <message>
        <source>Screen %1</source>
        <translation>屏幕 %1</translation>
    </message>
    <message>
        <source>Window “%1”</source>
        <translation>窗口“%1”</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>窗口 %1</translation>
    </message>
    <message>
        <source>Camera “%1”</source>
        <translation>摄像头“%1”</translation>
    </message>
</context>
<context>
    <name>ToolLogPanel</name>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Scheduling</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>interrupt</source>
        <translation>打断</translation>
    </message>
    <message>
        <source>when idle</source>
        <translation>空闲时</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Tool calls</source>
        <translation>工具调用</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s function calls.</source>
        <translation>显示或隐藏模型的函数调用。</translation>
    </message>
    <message>
        <source>Function calls</source>
        <translation>函数调用</translation>
    </message>
    <message>
        <source>One row per call: tool, status, time, arguments, result, scheduling.</source>
        <translation>每次调用一行：工具、状态、时间、参数、结果、调度。</translation>
    </message>
    <message>
        <source>The model&apos;s tool calls will appear here.</source>
        <translation>模型的工具调用会显示在这里。</translation>
    </message>
</context>
<context>
    <name>ToolsSettingsBox</name>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Point at things on the shared screen</source>
        <translation>在共享的屏幕上指出内容</translation>
    </message>
    <message>
        <source>Google Search grounding</source>
        <translation>Google 搜索依据</translation>
    </message>
    <message>
        <source>The model may look things up with Google Search (Google&apos;s built-in tool)</source>
        <translation>模型可以使用 Google 搜索查询资料（Google 内置工具）</translation>
    </message>
    <message>
        <source>Copy text to the clipboard</source>
        <translation>将文本复制到剪贴板</translation>
    </message>
    <message>
        <source>Open web pages (after you confirm)</source>
        <translation>打开网页（需您确认）</translation>
    </message>
    <message>
        <source>Take a closer look for fine print</source>
        <translation>仔细查看小字</translation>
    </message>
    <message>
        <source>The model may ask for one fresh picture of what you share at full resolution, sent at high media resolution (costs more tokens)</source>
        <translation>模型可以请求一张共享内容的全分辨率新图片，以高媒体分辨率发送（消耗更多令牌）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Tool &amp;timeout:</source>
        <translation>工具超时(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Copy transcript</source>
        <translation>复制对话记录</translation>
    </message>
    <message>
        <source>The conversation appears here.

Try it: share a region in “What the model sees”, then ask “Where is the red box?” or “What do you see?”. With “Point at things on the shared screen” on (the default), the answer highlights what it names on your screen.

Without an API key an offline emulator answers: it goes by the colours and shapes in the picture and cannot read text.</source>
        <translation>对话会显示在这里。

试试看：在“模型看到的内容”中共享一个区域，然后问“红色方框在哪里？”或“您看到了什么？”。开启“在共享的屏幕上指出内容”（默认开启）时，回答会在您的屏幕上高亮它提到的东西。

没有 API 密钥时由离线模拟器作答：它根据画面中的颜色和形状回答，无法读取文字。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Gemini</source>
        <translation>Gemini</translation>
    </message>
    <message>
        <source>(interrupted)</source>
        <translation>（已打断）</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>spoken</source>
        <translation>语音</translation>
    </message>
    <message>
        <source>voice, not played</source>
        <translation>语音，未播放</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>&amp;Talk (push-to-talk)</source>
        <translation>说话（按键通话）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Mute Microphone</source>
        <translation>麦克风静音(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Pause Sharing</source>
        <translation>暂停共享(&amp;P)</translation>
    </message>
    <message>
        <source>Pick &amp;Region…</source>
        <translation>选择区域(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Hide Window</source>
        <translation>隐藏窗口(&amp;H)</translation>
    </message>
    <message>
        <source>Pair a &amp;Device…</source>
        <translation>配对设备(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>There is no system tray on this desktop, so Screenmate lives in this window.</source>
        <translation>此桌面没有系统托盘，因此 Screenmate 只在此窗口中运行。</translation>
    </message>
    <message>
        <source>Push-to-talk: the Talk button below.</source>
        <translation>按键通话：使用下方的说话按钮。</translation>
    </message>
    <message>
        <source>Push-to-talk: the Talk button below, or hold %1 anywhere.</source>
        <translation>按键通话：使用下方的说话按钮，或在任意位置按住 %1。</translation>
    </message>
    <message>
        <source>Screenmate is still running</source>
        <translation>Screenmate 仍在运行</translation>
    </message>
    <message>
        <source>Screenmate keeps the session in the tray. Hold %1 to talk; choose Quit in the tray menu to end it.</source>
        <translation>Screenmate 会在托盘中保持会话。按住 %1 即可说话；在托盘菜单中选择“退出”可结束会话。</translation>
    </message>
    <message>
        <source>Screenmate keeps the session in the tray: Talk in its menu talks, Quit ends it.</source>
        <translation>Screenmate 会在托盘中保持会话：托盘菜单中的“说话”用于说话，“退出”结束会话。</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>正在聆听</translation>
    </message>
    <message>
        <source>the model is speaking</source>
        <translation>模型正在说话</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Screenmate: %1</source>
        <translation>Screenmate:%1</translation>
    </message>
    <message>
        <source>microphone muted</source>
        <translation>麦克风已静音</translation>
    </message>
    <message>
        <source>sharing paused</source>
        <translation>共享已暂停</translation>
    </message>
    <message>
        <source>&amp;Resume Sharing</source>
        <translation>继续共享(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation>显示窗口(&amp;S)</translation>
    </message>
</context>
<context>
    <name>UsageMeterLabel</name>
    <message>
        <source>cost unknown for %1 turns</source>
        <translation>%1 轮费用未知</translation>
    </message>
    <message>
        <source>cost unknown for 1 turn</source>
        <translation>1 轮费用未知</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>本次会话：%1</translation>
    </message>
    <message>
        <source>Session: %1 tokens · ≈ %2</source>
        <translation>本次会话：%1 个令牌 · ≈ %2</translation>
    </message>
    <message>
        <source>1 turn</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <source>%1 turns</source>
        <translation>%1 轮</translation>
    </message>
    <message>
        <source>This session, summed over %1</source>
        <translation>本次会话，共 %1</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Thinking (billed as output text)</source>
        <translation>思考（按输出文本计费）</translation>
    </message>
    <message>
        <source>Tool use (billed as input text)</source>
        <translation>工具调用（按输入文本计费）</translation>
    </message>
    <message>
        <source>Input without a modality (priced at the dearest input rate)</source>
        <translation>未标注模态的输入（按最高输入价计）</translation>
    </message>
    <message>
        <source>Output without a modality (priced at the dearest output rate)</source>
        <translation>未标注模态的输出（按最高输出价计）</translation>
    </message>
    <message>
        <source>The server reported no usage for %1 turn(s): their cost is unknown.</source>
        <translation>服务器未报告 %1 轮的用量：其费用未知。</translation>
    </message>
    <message>
        <source>Estimated with prices as of %1 (edit prices.json in the config folder).</source>
        <translation>按 %1 的价格估算（可编辑配置文件夹中的 prices.json）。</translation>
    </message>
</context>
<context>
    <name>VisionController</name>
    <message>
        <source>Sh&amp;aring</source>
        <translation>共享(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Pause or Resume Sharing</source>
        <translation>暂停或继续共享(&amp;P)</translation>
    </message>
    <message>
        <source>Pick a &amp;Region…</source>
        <translation>选择区域(&amp;R)…</translation>
    </message>
    <message>
        <source>Share a &amp;Window…</source>
        <translation>共享窗口(&amp;W)…</translation>
    </message>
    <message>
        <source>Screen %1 (%2×%3)</source>
        <translation>屏幕 %1（%2×%3）</translation>
    </message>
    <message>
        <source>Windows to share</source>
        <translation>可共享的窗口</translation>
    </message>
    <message>
        <source>Share a window with the model</source>
        <translation>与模型共享一个窗口</translation>
    </message>
    <message>
        <source>No other windows to share</source>
        <translation>没有其他可共享的窗口</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>未找到摄像头</translation>
    </message>
    <message>
        <source>Camera %1 is not connected.</source>
        <translation>摄像头 %1 未连接。</translation>
    </message>
</context>
<context>
    <name>VisionPanel</name>
    <message>
        <source>What the model sees</source>
        <translation>模型看到的内容</translation>
    </message>
    <message>
        <source>What to share with the model</source>
        <translation>要与模型共享的内容</translation>
    </message>
    <message>
        <source>Shared source</source>
        <translation>共享来源</translation>
    </message>
    <message>
        <source>Last frame sent to the model</source>
        <translation>最近发送给模型的画面</translation>
    </message>
    <message>
        <source>Nothing shared</source>
        <translation>未共享任何内容</translation>
    </message>
    <message>
        <source>Sharing status</source>
        <translation>共享状态</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>已捕获</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Skipped (unchanged)</source>
        <translation>已跳过（无变化）</translation>
    </message>
    <message>
        <source>Skipped (rate limit)</source>
        <translation>已跳过（速率限制）</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Frames looked at: sent plus skipped.</source>
        <translation>已查看的画面：已发送加已跳过。</translation>
    </message>
    <message>
        <source>Changed, but at most one frame a second is sent.</source>
        <translation>画面有变化，但每秒最多发送一帧。</translation>
    </message>
    <message>
        <source>Pause sharing</source>
        <translation>暂停共享</translation>
    </message>
    <message>
        <source>Stop or restart sending frames.</source>
        <translation>停止或重新开始发送画面。</translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation>未共享</translation>
    </message>
    <message>
        <source>Region…</source>
        <translation>区域…</translation>
    </message>
    <message>
        <source>Last region</source>
        <translation>上次的区域</translation>
    </message>
    <message>
        <source>Window…</source>
        <translation>窗口…</translation>
    </message>
    <message>
        <source>Camera…</source>
        <translation>摄像头…</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>窗口：%1</translation>
    </message>
    <message>
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <source>Pick again…</source>
        <translation>重新选择…</translation>
    </message>
    <message>
        <source>Resume sharing</source>
        <translation>继续共享</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>已暂停：%1</translation>
    </message>
    <message>
        <source>Sharing %1</source>
        <translation>正在共享 %1</translation>
    </message>
    <message>
        <source>%1 (shared once the session is live)</source>
        <translation>%1（会话连接后开始共享）</translation>
    </message>
    <message>
        <source>Last frame sent: %1×%2, %3 KB (%4)</source>
        <translation>最近发送的画面：%1×%2,%3 KB(%4)</translation>
    </message>
</context>
<context>
    <name>VisionSettingsBox</name>
    <message>
        <source>Screen sharing</source>
        <translation>屏幕共享</translation>
    </message>
    <message>
        <source>Server default (~258 tokens a frame)</source>
        <translation>服务器默认（每帧约 258 个令牌）</translation>
    </message>
    <message>
        <source>Low (~66 tokens a frame)</source>
        <translation>低（每帧约 66 个令牌）</translation>
    </message>
    <message>
        <source>Frame &amp;detail:</source>
        <translation>画面细节(&amp;D):</translation>
    </message>
    <message>
        <source> per second</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Long side:</source>
        <translation>长边：</translation>
    </message>
</context>
<context>
    <name>VoiceController</name>
    <message>
        <source>&amp;Voice</source>
        <translation>语音(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Talk (Start or Stop)</source>
        <translation>说话（开始或停止）(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Mute Microphone</source>
        <translation>麦克风静音(&amp;M)</translation>
    </message>
    <message>
        <source>Hands-free is on: just talk. Switch to push-to-talk to use Talk.</source>
        <translation>免提已开启：直接说话即可。切换到按键通话才能使用“说话”。</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Stop or resume sending the microphone.</source>
        <translation>停止或恢复发送麦克风声音。</translation>
    </message>
    <message>
        <source>● Speaking</source>
        <translation>● 正在说话</translation>
    </message>
    <message>
        <source>The model is speaking</source>
        <translation>模型正在说话</translation>
    </message>
    <message>
        <source>Talk mode</source>
        <translation>通话模式</translation>
    </message>
    <message>
        <source>Hands-free</source>
        <translation>免提</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>按键通话</translation>
    </message>
    <message>
        <source>Hands-free: the model notices when you start and stop talking.
Push-to-talk: hold the talk button while you speak, or click it to start and again to stop.</source>
        <translation>免提：模型会察觉您何时开始和停止说话。
按键通话：说话时按住通话按钮，或单击开始、再次单击结束。</translation>
    </message>
    <message>
        <source>No microphone</source>
        <translation>无麦克风</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>已静音</translation>
    </message>
    <message>
        <source>Listening · just talk</source>
        <translation>正在聆听 · 直接说话即可</translation>
    </message>
    <message>
        <source>Talking… (click to stop)</source>
        <translation>正在说话…（单击停止）</translation>
    </message>
    <message>
        <source>Talking…</source>
        <translation>正在说话…</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>按住说话</translation>
    </message>
    <message>
        <source>Hold while you speak, or click once to start and again to stop.</source>
        <translation>说话时按住，或单击一次开始、再次单击结束。</translation>
    </message>
    <message>
        <source>Hands-free: switch to push-to-talk to use this button.</source>
        <translation>免提模式：切换到按键通话才能使用此按钮。</translation>
    </message>
    <message>
        <source>Talk: %1</source>
        <translation>说话：%1</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>Microphone: %1</source>
        <translation>麦克风：%1</translation>
    </message>
    <message>
        <source>Speaker: %1</source>
        <translation>扬声器：%1</translation>
    </message>
</context>
<context>
    <name>WarningBanner</name>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss warning</source>
        <translation>关闭警告</translation>
    </message>
    <message>
        <source>Hides this warning until something changes.</source>
        <translation>隐藏此警告，直到情况发生变化。</translation>
    </message>
</context>
<context>
    <name>WaylandShare</name>
    <message>
        <source>Screen sharing on Wayland needs the desktop&apos;s D-Bus session bus, and there is none (DBUS_SESSION_BUS_ADDRESS is unset or dead). Start Screenmate from your desktop session, not from a bare terminal or ssh.</source>
        <translation>Wayland 上的屏幕共享需要桌面的 D-Bus 会话总线，但当前没有（DBUS_SESSION_BUS_ADDRESS 未设置或已失效）。请从桌面会话中启动 Screenmate，而不是从单独的终端或 ssh 启动。</translation>
    </message>
    <message>
        <source>Screen sharing on Wayland goes through the desktop portal, and it is not running. Install xdg-desktop-portal and your desktop&apos;s backend (xdg-desktop-portal-gnome, -kde or -wlr), then log out and in again.</source>
        <translation>Wayland 上的屏幕共享通过桌面门户（portal）进行，但它没有运行。请安装 xdg-desktop-portal 及您桌面的后端（xdg-desktop-portal-gnome、-kde 或 -wlr），然后注销并重新登录。</translation>
    </message>
    <message>
        <source>This desktop&apos;s portal offers no screen sharing (no ScreenCast backend). Install the backend for your desktop (xdg-desktop-portal-gnome, -kde or -wlr for sway and other wlroots compositors) and log in again, or use an X11 session.</source>
        <translation>此桌面的门户不提供屏幕共享（没有 ScreenCast 后端）。请安装适合您桌面的后端（xdg-desktop-portal-gnome、-kde，或用于 sway 等 wlroots 合成器的 -wlr）并重新登录，或使用 X11 会话。</translation>
    </message>
    <message>
        <source>Screen sharing on Wayland needs PipeWire, and it is not running. Install and start pipewire and wireplumber (systemctl --user enable --now pipewire wireplumber).</source>
        <translation>Wayland 上的屏幕共享需要 PipeWire，但它没有运行。请安装并启动 pipewire 和 wireplumber（systemctl --user enable --now pipewire wireplumber）。</translation>
    </message>
    <message>
        <source>Screen sharing was cancelled in the desktop&apos;s dialog, so nothing is shared. Choose the screen again to be asked again.</source>
        <translation>屏幕共享已在桌面对话框中取消，因此没有共享任何内容。再次选择屏幕即可重新询问。</translation>
    </message>
    <message>
        <source>Screen sharing was stopped from the desktop. Sharing is paused: resume to share again (the desktop will ask which screen).</source>
        <translation>屏幕共享已被桌面停止。共享已暂停：继续即可再次共享（桌面会询问共享哪个屏幕）。</translation>
    </message>
    <message>
        <source>The desktop started screen sharing but sends no picture. Check that PipeWire and wireplumber run, or restart the portal (xdg-desktop-portal).</source>
        <translation>桌面已开始屏幕共享，但没有发送画面。请检查 PipeWire 和 wireplumber 是否在运行，或重启门户（xdg-desktop-portal）。</translation>
    </message>
    <message>
        <source>Sharing one window is not available on Wayland yet: share a region around it, or the whole screen, instead.</source>
        <translation>Wayland 上暂不支持共享单个窗口：请改为共享它周围的区域或整个屏幕。</translation>
    </message>
</context>
<context>
    <name>WaylandShortcuts</name>
    <message>
        <source>This desktop offers global shortcuts through its portal, but Screenmate does not use them yet: on Wayland the hotkey works only while an X11 (XWayland) window has the focus. Use the Talk button or the tray&apos;s Talk item.</source>
        <translation>此桌面通过其门户提供全局快捷键，但 Screenmate 尚未使用：在 Wayland 上，只有当 X11（XWayland）窗口获得焦点时快捷键才有效。请使用“说话”按钮或托盘中的“说话”项。</translation>
    </message>
    <message>
        <source>Global push-to-talk is unavailable on this Wayland desktop: it offers apps no global shortcuts (no GlobalShortcuts portal; KDE Plasma and GNOME 48 or later have one). Use the Talk button or the tray&apos;s Talk item.</source>
        <translation>此 Wayland 桌面不支持全局按键通话：它不向应用提供全局快捷键（没有 GlobalShortcuts 门户；KDE Plasma 和 GNOME 48 及更高版本提供）。请使用“说话”按钮或托盘中的“说话”项。</translation>
    </message>
</context>
<context>
    <name>self._window</name>
    <message>
        <source>Cannot listen for companion devices on port %1: %2</source>
        <translation>无法在端口 %1 上监听配套设备：%2</translation>
    </message>
    <message>
        <source>Open a link?</source>
        <translation>打开链接？</translation>
    </message>
    <message>
        <source>The model wants to open this page in your browser:

%1</source>
        <translation>模型想在您的浏览器中打开此页面：

%1</translation>
    </message>
</context>
</TS>
