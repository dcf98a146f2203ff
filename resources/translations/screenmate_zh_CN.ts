<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation>免提(模型会自动听到您说话)</translation>
    </message>
    <message>
        <source>Push-to-talk (hold the talk button)</source>
        <translation>按键通话(按住通话按钮)</translation>
    </message>
    <message>
        <source>&amp;Talk mode:</source>
        <translation>通话模式(&amp;T):</translation>
    </message>
    <message>
        <source>Echo cancellation (speakers)</source>
        <translation>回声消除(扬声器)</translation>
    </message>
    <message>
        <source>Half-duplex: pause the mic while the model speaks</source>
        <translation>半双工:模型说话时暂停麦克风</translation>
    </message>
    <message>
        <source>None (headphones)</source>
        <translation>无(耳机)</translation>
    </message>
    <message>
        <source>&amp;Echo:</source>
        <translation>回声(&amp;E):</translation>
    </message>
    <message>
        <source>Start-of-speech sensitivity:</source>
        <translation>语音开始灵敏度:</translation>
    </message>
    <message>
        <source>End-of-speech sensitivity:</source>
        <translation>语音结束灵敏度:</translation>
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
        <translation>结束一轮的静音时长:</translation>
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
        <translation>在任何地方按住即可说话,例如 ctrl+alt+space、ctrl+shift+f12、pause</translation>
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
        <translation>配套设备:</translation>
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
        <source>The push-to-talk hotkey %1 is not valid: %2</source>
        <translation>按键通话快捷键 %1 无效:%2</translation>
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation>建议:%1</translation>
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
        <translation>尚未设置 API 密钥,因此您处于&lt;b&gt;离线演示&lt;/b&gt;模式:内置模拟器会复述它收到的内容。任何数据都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>An API key is set: Screenmate talks to Google&apos;s Gemini Live.</source>
        <translation>已设置 API 密钥:Screenmate 将与 Google 的 Gemini Live 对话。</translation>
    </message>
    <message>
        <source>For real answers, get a key at aistudio.google.com and paste it into Settings (it is stored in the OS keychain, never in a file), or set GEMINI_API_KEY.</source>
        <translation>如需真实回答,请在 aistudio.google.com 获取密钥并粘贴到“设置”中(密钥保存在系统钥匙串中,绝不写入文件),或设置 GEMINI_API_KEY。</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;%1&lt;/b&gt; anywhere to talk, release to send. The tray icon shows when the model listens or speaks.</source>
        <translation>在任何地方按住 &lt;b&gt;%1&lt;/b&gt; 说话,松开即发送。托盘图标会显示模型正在聆听还是正在说话。</translation>
    </message>
    <message>
        <source>the Talk button</source>
        <translation>通话按钮</translation>
    </message>
    <message>
        <source>macOS will ask for the microphone and for Screen Recording; the hotkey needs Accessibility (System Settings › Privacy &amp; Security).</source>
        <translation>macOS 会请求麦克风和屏幕录制权限;快捷键需要“辅助功能”权限(系统设置 › 隐私与安全性)。</translation>
    </message>
    <message>
        <source>Windows may ask once for microphone access (Settings › Privacy).</source>
        <translation>Windows 可能会请求一次麦克风访问权限(设置 › 隐私)。</translation>
    </message>
    <message>
        <source>Linux needs no permission on X11. On Wayland, screen sharing and the hotkey are limited; the camera and the window still work.</source>
        <translation>Linux 在 X11 下无需任何权限。在 Wayland 下,屏幕共享和快捷键受限;摄像头和窗口仍可正常使用。</translation>
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
    <name>HistoryController</name>
    <message>
        <source>History is off this time: the database could not be opened.</source>
        <translation>本次未记录历史:无法打开数据库。</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Screenmate — History</source>
        <translation>Screenmate — 历史记录</translation>
    </message>
    <message>
        <source>Search every line of every session</source>
        <translation>搜索所有会话的每一行</translation>
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
        <source>The history cannot be read: %1</source>
        <translation>无法读取历史记录:%1</translation>
    </message>
    <message>
        <source>(no lines)</source>
        <translation>(无内容)</translation>
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
        <source>Delete session</source>
        <translation>删除会话</translation>
    </message>
    <message>
        <source>Delete the session of %1 (%2 lines)? This cannot be undone.</source>
        <translation>删除 %1 的会话(%2 行)?此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone input level</source>
        <translation>麦克风输入电平</translation>
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
        <translation>“%1”未送达:%2。按 Enter 重新发送。</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <translation>输入消息并按回车</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
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
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
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
    <message numerus="yes">
        <source>Reconnecting in %1 s (attempt %n)…</source>
        <translation>
            <numerusform>%1 秒后重新连接(第 %n 次)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting (attempt %n)…</source>
        <translation>
            <numerusform>正在重新连接(第 %n 次)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误:%1</translation>
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
        <translation>输入:%1</translation>
    </message>
    <message>
        <source>Response: %1</source>
        <translation>回复:%1</translation>
    </message>
    <message>
        <source>Voice %1 · %2</source>
        <translation>语音 %1 · %2</translation>
    </message>
    <message>
        <source>automatic language</source>
        <translation>自动语言</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>No Live API endpoint is open; see the status line.</source>
        <translation>没有打开的 Live API 端点;请查看状态栏。</translation>
    </message>
    <message>
        <source>Offline demo - emulated model</source>
        <translation>离线演示 - 模拟模型</translation>
    </message>
    <message>
        <source>No Gemini API key is set, so Screenmate talks to a built-in emulator that only echoes what it receives.
To talk to Gemini Live, set GEMINI_API_KEY in the environment, or enter a key in Session › Settings… (it is stored in the OS keychain), then reconnect.</source>
        <translation>未设置 Gemini API 密钥,因此 Screenmate 正在与内置模拟器对话,它只会复述收到的内容。
要与 Gemini Live 对话,请在环境变量中设置 GEMINI_API_KEY,或在“会话 › 设置…”中输入密钥(保存在系统钥匙串中),然后重新连接。</translation>
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
    <name>PairingDialog</name>
    <message>
        <source>Pair a device</source>
        <translation>配对设备</translation>
    </message>
    <message>
        <source>Scan with the phone or watch camera</source>
        <translation type="unfinished"></translation>
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
        <translation>在手表或手机上扫描二维码,或打开该地址并输入配对码。</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>新配对码</translation>
    </message>
    <message>
        <source>Paired devices</source>
        <translation>已配对设备</translation>
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
        <source>Single use · expires in %1 s</source>
        <translation>一次性 · %1 秒后过期</translation>
    </message>
    <message>
        <source>1 wrong attempt from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wrong attempts from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (locked out for 5 minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong codes: this code is off; scan the QR code or press New code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
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
        <translation>未连接;消息未发送。</translation>
    </message>
    <message>
        <source>New session · %1</source>
        <translation>新会话 · %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
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
        <source>The settings could not be saved: %1</source>
        <translation>无法保存设置:%1</translation>
    </message>
    <message>
        <source>Paste an API key into the field first.</source>
        <translation>请先在输入框中粘贴 API 密钥。</translation>
    </message>
    <message>
        <source>There is no key to test: paste one first.</source>
        <translation>没有可测试的密钥:请先粘贴一个。</translation>
    </message>
    <message>
        <source>Testing the key…</source>
        <translation>正在测试密钥…</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>密钥有效。</translation>
    </message>
    <message>
        <source>The key test failed: %1</source>
        <translation>密钥测试失败:%1</translation>
    </message>
    <message>
        <source>The key in the %1 environment variable is used; it takes precedence over the keychain.</source>
        <translation>正在使用环境变量 %1 中的密钥;它优先于钥匙串。</translation>
    </message>
    <message>
        <source>A key is stored in the OS keychain and is used.</source>
        <translation>系统钥匙串中已保存密钥,正在使用。</translation>
    </message>
    <message>
        <source>No key is set, so Screenmate runs the offline demo with an emulated model. Get a key at aistudio.google.com.</source>
        <translation>未设置密钥,因此 Screenmate 以模拟模型运行离线演示。请在 aistudio.google.com 获取密钥。</translation>
    </message>
    <message>
        <source>Screenmate</source>
        <translation>Screenmate</translation>
    </message>
</context>
<context>
    <name>ToolLogPanel</name>
    <message>
        <source>Tool calls</source>
        <translation>工具调用</translation>
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
        <source>The conversation appears here.</source>
        <translation>对话内容将显示在这里。</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>复制对话记录</translation>
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
        <translation>(已打断)</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>spoken</source>
        <translation>语音</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>&amp;Talk (push-to-talk)</source>
        <translation>说话(按键通话)(&amp;T)</translation>
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
        <source>There is no system tray on this desktop, so Screenmate lives in this window. Push-to-talk: the Talk button below, or hold %1 anywhere.</source>
        <translation>此桌面没有系统托盘,因此 Screenmate 会留在此窗口中。按键通话:使用下方的通话按钮,或在任何地方按住 %1。</translation>
    </message>
    <message>
        <source>the talk button</source>
        <translation>通话按钮</translation>
    </message>
    <message>
        <source>Screenmate is still running</source>
        <translation>Screenmate 仍在运行</translation>
    </message>
    <message>
        <source>Screenmate keeps the session in the tray. Hold %1 to talk; choose Quit in the tray menu to end it.</source>
        <translation>Screenmate 会在托盘中保持会话。按住 %1 即可说话;在托盘菜单中选择“退出”可结束会话。</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>说话</translation>
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
        <translation>本次会话:%1</translation>
    </message>
    <message>
        <source>Session: %1 tokens · ≈ %2</source>
        <translation>本次会话:%1 个令牌 · ≈ %2</translation>
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
        <translation>本次会话,共 %1</translation>
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
        <translation>思考(按输出文本计费)</translation>
    </message>
    <message>
        <source>Tool use (billed as input text)</source>
        <translation>工具调用(按输入文本计费)</translation>
    </message>
    <message>
        <source>Input without a modality (priced at the dearest input rate)</source>
        <translation>未标注模态的输入(按最高输入价计)</translation>
    </message>
    <message>
        <source>Output without a modality (priced at the dearest output rate)</source>
        <translation>未标注模态的输出(按最高输出价计)</translation>
    </message>
    <message>
        <source>The server reported no usage for %1 turn(s): their cost is unknown.</source>
        <translation>服务器未报告 %1 轮的用量:其费用未知。</translation>
    </message>
    <message>
        <source>Estimated with prices as of %1 (edit prices.json in the config folder).</source>
        <translation>按 %1 的价格估算(可编辑配置文件夹中的 prices.json)。</translation>
    </message>
</context>
<context>
    <name>VisionController</name>
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
        <source>Nothing shared</source>
        <translation>未共享任何内容</translation>
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
        <translation>已跳过(无变化)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Pause sharing</source>
        <translation>暂停共享</translation>
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
        <source>Resume sharing</source>
        <translation>继续共享</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>已暂停:%1</translation>
    </message>
    <message>
        <source>Sharing %1</source>
        <translation>正在共享 %1</translation>
    </message>
    <message>
        <source>%1 (shared once the session is live)</source>
        <translation>%1(会话连接后开始共享)</translation>
    </message>
    <message>
        <source>Last frame sent: %1×%2, %3 KB (%4)</source>
        <translation>最近发送的画面:%1×%2,%3 KB(%4)</translation>
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
        <translation>服务器默认(每帧约 258 个令牌)</translation>
    </message>
    <message>
        <source>Low (~66 tokens a frame)</source>
        <translation>低(每帧约 66 个令牌)</translation>
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
        <translation>最多:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Long side:</source>
        <translation>长边:</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>● Speaking</source>
        <translation>● 正在说话</translation>
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
        <translation>免提:模型会察觉您何时开始和停止说话。
按键通话:说话时按住通话按钮,或单击开始、再次单击结束。</translation>
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
        <translation>正在说话…(单击停止)</translation>
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
        <translation>说话时按住,或单击一次开始、再次单击结束。</translation>
    </message>
    <message>
        <source>Hands-free: switch to push-to-talk to use this button.</source>
        <translation>免提模式:切换到按键通话才能使用此按钮。</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>Microphone: %1</source>
        <translation>麦克风:%1</translation>
    </message>
    <message>
        <source>Speaker: %1</source>
        <translation>扬声器:%1</translation>
    </message>
</context>
<context>
    <name>self._window</name>
    <message>
        <source>Cannot listen for companion devices on port %1: %2</source>
        <translation>无法在端口 %1 上监听配套设备:%2</translation>
    </message>
    <message>
        <source>Open a link?</source>
        <translation>打开链接?</translation>
    </message>
    <message>
        <source>The model wants to open this page in your browser:

%1</source>
        <translation>模型想在您的浏览器中打开此页面:

%1</translation>
    </message>
</context>
</TS>
