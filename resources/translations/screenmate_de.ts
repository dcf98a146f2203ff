<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AudioSettingsBox</name>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation>&amp;Mikrofon:</translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation>&amp;Lautsprecher:</translation>
    </message>
    <message>
        <source>Hands-free (the model hears when you talk)</source>
        <translation>Freihändig (das Modell hört, wenn Sie sprechen)</translation>
    </message>
    <message>
        <source>Push-to-talk (hold the talk button)</source>
        <translation>Push-to-Talk (Sprechtaste gedrückt halten)</translation>
    </message>
    <message>
        <source>&amp;Talk mode:</source>
        <translation>&amp;Sprechmodus:</translation>
    </message>
    <message>
        <source>Echo cancellation (speakers)</source>
        <translation>Echounterdrückung (Lautsprecher)</translation>
    </message>
    <message>
        <source>Half-duplex: pause the mic while the model speaks</source>
        <translation>Halbduplex: Mikrofon pausiert, während das Modell spricht</translation>
    </message>
    <message>
        <source>None (headphones)</source>
        <translation>Keine (Kopfhörer)</translation>
    </message>
    <message>
        <source>&amp;Echo:</source>
        <translation>&amp;Echo:</translation>
    </message>
    <message>
        <source>Start-of-speech sensitivity:</source>
        <translation>Empfindlichkeit Sprechbeginn:</translation>
    </message>
    <message>
        <source>End-of-speech sensitivity:</source>
        <translation>Empfindlichkeit Sprechende:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Serverstandard</translation>
    </message>
    <message>
        <source>Silence that ends a turn:</source>
        <translation>Stille, die eine Runde beendet:</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
</context>
<context>
    <name>DesktopSettingsBox</name>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Hold anywhere to talk, e.g. ctrl+alt+space, ctrl+shift+f12, pause</source>
        <translation>Überall gedrückt halten zum Sprechen, z. B. ctrl+alt+space, ctrl+shift+f12, pause</translation>
    </message>
    <message>
        <source>Push-to-talk &amp;hotkey:</source>
        <translation>Push-to-Talk-&amp;Tastenkürzel:</translation>
    </message>
    <message>
        <source>Let paired watches and phones join</source>
        <translation>Gekoppelte Uhren und Telefone teilnehmen lassen</translation>
    </message>
    <message>
        <source>Companions:</source>
        <translation>Begleitgeräte:</translation>
    </message>
    <message>
        <source>Companion &amp;port:</source>
        <translation>&amp;Port für Begleitgeräte:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Sprache der Oberfläche:</translation>
    </message>
</context>
<context>
    <name>DesktopShell</name>
    <message>
        <source>The push-to-talk hotkey %1 is not valid: %2</source>
        <translation>Das Push-to-Talk-Tastenkürzel %1 ist ungültig: %2</translation>
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation>Vorschläge: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Screenmate</source>
        <translation>Willkommen bei Screenmate</translation>
    </message>
    <message>
        <source>Talk to Gemini Live about what is on your screen.</source>
        <translation>Sprechen Sie mit Gemini Live über das, was auf Ihrem Bildschirm ist.</translation>
    </message>
    <message>
        <source>No API key is set, so you are in the &lt;b&gt;offline demo&lt;/b&gt;: a built-in emulator answers with what it received. Nothing leaves this computer.</source>
        <translation>Es ist kein API-Schlüssel gesetzt, daher läuft die &lt;b&gt;Offline-Demo&lt;/b&gt;: Ein eingebauter Emulator antwortet mit dem, was er empfangen hat. Nichts verlässt diesen Computer.</translation>
    </message>
    <message>
        <source>An API key is set: Screenmate talks to Google&apos;s Gemini Live.</source>
        <translation>Ein API-Schlüssel ist gesetzt: Screenmate spricht mit Googles Gemini Live.</translation>
    </message>
    <message>
        <source>For real answers, get a key at aistudio.google.com and paste it into Settings (it is stored in the OS keychain, never in a file), or set GEMINI_API_KEY.</source>
        <translation>Für echte Antworten holen Sie sich einen Schlüssel auf aistudio.google.com und fügen ihn in den Einstellungen ein (er wird im Schlüsselbund des Systems gespeichert, nie in einer Datei), oder setzen Sie GEMINI_API_KEY.</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;%1&lt;/b&gt; anywhere to talk, release to send. The tray icon shows when the model listens or speaks.</source>
        <translation>Halten Sie &lt;b&gt;%1&lt;/b&gt; überall gedrückt, um zu sprechen; loslassen sendet. Das Symbol im Infobereich zeigt, wann das Modell zuhört oder spricht.</translation>
    </message>
    <message>
        <source>the Talk button</source>
        <translation>die Sprechtaste</translation>
    </message>
    <message>
        <source>macOS will ask for the microphone and for Screen Recording; the hotkey needs Accessibility (System Settings › Privacy &amp; Security).</source>
        <translation>macOS fragt nach Mikrofon und Bildschirmaufnahme; das Tastenkürzel braucht Bedienungshilfen (Systemeinstellungen › Datenschutz &amp; Sicherheit).</translation>
    </message>
    <message>
        <source>Windows may ask once for microphone access (Settings › Privacy).</source>
        <translation>Windows fragt eventuell einmal nach dem Mikrofonzugriff (Einstellungen › Datenschutz).</translation>
    </message>
    <message>
        <source>Linux needs no permission on X11. On Wayland, screen sharing and the hotkey are limited; the camera and the window still work.</source>
        <translation>Unter Linux mit X11 sind keine Berechtigungen nötig. Unter Wayland sind Bildschirmfreigabe und Tastenkürzel eingeschränkt; Kamera und Fenster funktionieren weiterhin.</translation>
    </message>
    <message>
        <source>Pick a Region to Share…</source>
        <translation>Bereich zum Teilen wählen…</translation>
    </message>
    <message>
        <source>Enter an API Key…</source>
        <translation>API-Schlüssel eingeben…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Los geht&apos;s</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>History is off this time: the database could not be opened.</source>
        <translation>Der Verlauf ist diesmal aus: Die Datenbank konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Screenmate — History</source>
        <translation>Screenmate — Verlauf</translation>
    </message>
    <message>
        <source>Search every line of every session</source>
        <translation>Alle Zeilen aller Sitzungen durchsuchen</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>Der Verlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>(no lines)</source>
        <translation>(keine Zeilen)</translation>
    </message>
    <message>
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source> found</source>
        <translation> gefunden</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>unbekanntes Modell</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Export session</source>
        <translation>Sitzung exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>Sitzung löschen</translation>
    </message>
    <message>
        <source>Delete the session of %1 (%2 lines)? This cannot be undone.</source>
        <translation>Die Sitzung vom %1 (%2 Zeilen) löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone input level</source>
        <translation>Mikrofonpegel</translation>
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
        <translation>„%1“ wurde nicht zugestellt: %2. Mit Enter erneut senden.</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <translation>Nachricht eingeben und Enter drücken</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt versuchen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>Neu &amp;verbinden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Type a Message</source>
        <translation>Nachricht &amp;eingeben</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>&amp;Pair a Device…</source>
        <translation>Gerät &amp;koppeln…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>&amp;Mitschrift</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %1 s (attempt %n)…</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch in %1 s (%n)…</numerusform>
            <numerusform>Neuer Verbindungsversuch in %1 s (%n)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting (attempt %n)…</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch (%n)…</numerusform>
            <numerusform>Neuer Verbindungsversuch (%n)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>last turn: %1 tokens</source>
        <translation>letzte Runde: %1 Tokens</translation>
    </message>
    <message>
        <source>Latest usage reported by the model</source>
        <translation>Zuletzt vom Modell gemeldeter Verbrauch</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>Eingabe: %1</translation>
    </message>
    <message>
        <source>Response: %1</source>
        <translation>Antwort: %1</translation>
    </message>
    <message>
        <source>Voice %1 · %2</source>
        <translation>Stimme %1 · %2</translation>
    </message>
    <message>
        <source>automatic language</source>
        <translation>Sprache automatisch</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>No Live API endpoint is open; see the status line.</source>
        <translation>Kein Live-API-Endpunkt ist offen; siehe Statuszeile.</translation>
    </message>
    <message>
        <source>Offline demo - emulated model</source>
        <translation>Offline-Demo – emuliertes Modell</translation>
    </message>
    <message>
        <source>No Gemini API key is set, so Screenmate talks to a built-in emulator that only echoes what it receives.
To talk to Gemini Live, set GEMINI_API_KEY in the environment, or enter a key in Session › Settings… (it is stored in the OS keychain), then reconnect.</source>
        <translation>Es ist kein Gemini-API-Schlüssel gesetzt, daher spricht Screenmate mit einem eingebauten Emulator, der nur wiedergibt, was er empfängt.
Um mit Gemini Live zu sprechen, setzen Sie GEMINI_API_KEY in der Umgebung oder geben Sie unter Sitzung › Einstellungen… einen Schlüssel ein (er wird im Schlüsselbund des Systems gespeichert) und verbinden Sie neu.</translation>
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
        <translation>Verbunden über %1</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>Pair a device</source>
        <translation>Gerät koppeln</translation>
    </message>
    <message>
        <source>Scan with the phone or watch camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>nicht empfangsbereit</translation>
    </message>
    <message>
        <source>Certificate SHA-256: %1</source>
        <translation>Zertifikat SHA-256: %1</translation>
    </message>
    <message>
        <source>On the watch or phone, scan the QR code, or open the address and type the code.</source>
        <translation>Scannen Sie auf der Uhr oder dem Telefon den QR-Code, oder öffnen Sie die Adresse und geben Sie den Code ein.</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Neuer Code</translation>
    </message>
    <message>
        <source>Paired devices</source>
        <translation>Gekoppelte Geräte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Single use · expires in %1 s</source>
        <translation>Einmalig · läuft in %1 s ab</translation>
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
        <translation>jetzt</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Drag to choose what the model sees · Enter keeps it · Esc cancels</source>
        <translation>Ziehen, um zu wählen, was das Modell sieht · Enter übernimmt · Esc bricht ab</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Not connected; the message was not sent.</source>
        <translation>Nicht verbunden; die Nachricht wurde nicht gesendet.</translation>
    </message>
    <message>
        <source>New session · %1</source>
        <translation>Neue Sitzung · %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Screenmate Settings</source>
        <translation>Screenmate-Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Voice:</source>
        <translation>&amp;Stimme:</translation>
    </message>
    <message>
        <source>Response &amp;language:</source>
        <translation>&amp;Antwortsprache:</translation>
    </message>
    <message>
        <source>Restore Default</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <source>System &amp;instruction:</source>
        <translation>System&amp;anweisung:</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Vorlagen…</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Sharing &amp;&amp; Desktop</source>
        <translation>Freigabe &amp;&amp; Desktop</translation>
    </message>
    <message>
        <source>OK saves these settings and reconnects the session with them.</source>
        <translation>OK speichert diese Einstellungen und verbindet die Sitzung damit neu.</translation>
    </message>
    <message>
        <source>Gemini API key</source>
        <translation>Gemini-API-Schlüssel</translation>
    </message>
    <message>
        <source>Paste a key to store it in the OS keychain</source>
        <translation>Schlüssel einfügen, um ihn im Schlüsselbund des Systems zu speichern</translation>
    </message>
    <message>
        <source>Show key</source>
        <translation>Schlüssel anzeigen</translation>
    </message>
    <message>
        <source>Save to Keychain</source>
        <translation>Im Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Test Key</source>
        <translation>Schlüssel testen</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Paste an API key into the field first.</source>
        <translation>Fügen Sie zuerst einen API-Schlüssel in das Feld ein.</translation>
    </message>
    <message>
        <source>There is no key to test: paste one first.</source>
        <translation>Es gibt keinen Schlüssel zum Testen: Fügen Sie zuerst einen ein.</translation>
    </message>
    <message>
        <source>Testing the key…</source>
        <translation>Teste den Schlüssel…</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>Der Schlüssel funktioniert.</translation>
    </message>
    <message>
        <source>The key test failed: %1</source>
        <translation>Der Schlüsseltest ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The key in the %1 environment variable is used; it takes precedence over the keychain.</source>
        <translation>Der Schlüssel aus der Umgebungsvariable %1 wird verwendet; er hat Vorrang vor dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>A key is stored in the OS keychain and is used.</source>
        <translation>Ein Schlüssel ist im Schlüsselbund des Systems gespeichert und wird verwendet.</translation>
    </message>
    <message>
        <source>No key is set, so Screenmate runs the offline demo with an emulated model. Get a key at aistudio.google.com.</source>
        <translation>Es ist kein Schlüssel gesetzt, daher läuft Screenmate als Offline-Demo mit einem emulierten Modell. Einen Schlüssel gibt es auf aistudio.google.com.</translation>
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
        <translation>Werkzeugaufrufe</translation>
    </message>
</context>
<context>
    <name>ToolsSettingsBox</name>
    <message>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Point at things on the shared screen</source>
        <translation>Auf Dinge im geteilten Bildschirm zeigen</translation>
    </message>
    <message>
        <source>Google Search grounding</source>
        <translation>Fundierung mit der Google-Suche</translation>
    </message>
    <message>
        <source>The model may look things up with Google Search (Google&apos;s built-in tool)</source>
        <translation>Das Modell darf mit der Google-Suche nachschlagen (Googles eingebautes Werkzeug)</translation>
    </message>
    <message>
        <source>Copy text to the clipboard</source>
        <translation>Text in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Open web pages (after you confirm)</source>
        <translation>Webseiten öffnen (nach Ihrer Bestätigung)</translation>
    </message>
    <message>
        <source>Take a closer look for fine print</source>
        <translation>Für Kleingedrucktes genauer hinsehen</translation>
    </message>
    <message>
        <source>The model may ask for one fresh picture of what you share at full resolution, sent at high media resolution (costs more tokens)</source>
        <translation>Das Modell darf ein neues Bild des Geteilten in voller Auflösung anfordern, gesendet mit hoher Medienauflösung (kostet mehr Tokens)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Tool &amp;timeout:</source>
        <translation>Werkzeug-&amp;Zeitlimit:</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>The conversation appears here.</source>
        <translation>Hier erscheint das Gespräch.</translation>
    </message>
    <message>
        <source>Copy transcript</source>
        <translation>Mitschrift kopieren</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Gemini</source>
        <translation>Gemini</translation>
    </message>
    <message>
        <source>(interrupted)</source>
        <translation>(unterbrochen)</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>getippt</translation>
    </message>
    <message>
        <source>spoken</source>
        <translation>gesprochen</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>&amp;Talk (push-to-talk)</source>
        <translation>&amp;Sprechen (Push-to-Talk)</translation>
    </message>
    <message>
        <source>&amp;Mute Microphone</source>
        <translation>Mikrofon &amp;stummschalten</translation>
    </message>
    <message>
        <source>&amp;Pause Sharing</source>
        <translation>Freigabe &amp;pausieren</translation>
    </message>
    <message>
        <source>Pick &amp;Region…</source>
        <translation>&amp;Bereich wählen…</translation>
    </message>
    <message>
        <source>&amp;Hide Window</source>
        <translation>Fenster &amp;ausblenden</translation>
    </message>
    <message>
        <source>Pair a &amp;Device…</source>
        <translation>Gerät &amp;koppeln…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>There is no system tray on this desktop, so Screenmate lives in this window. Push-to-talk: the Talk button below, or hold %1 anywhere.</source>
        <translation>Dieser Desktop hat keinen Infobereich, daher lebt Screenmate in diesem Fenster. Push-to-Talk: die Sprechtaste unten, oder halten Sie überall %1 gedrückt.</translation>
    </message>
    <message>
        <source>the talk button</source>
        <translation>die Sprechtaste</translation>
    </message>
    <message>
        <source>Screenmate is still running</source>
        <translation>Screenmate läuft weiter</translation>
    </message>
    <message>
        <source>Screenmate keeps the session in the tray. Hold %1 to talk; choose Quit in the tray menu to end it.</source>
        <translation>Screenmate hält die Sitzung im Infobereich. Halten Sie %1 gedrückt, um zu sprechen; mit „Beenden“ im Menü des Symbols beenden Sie sie.</translation>
    </message>
    <message>
        <source>Talk</source>
        <translation>Sprechen</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>hört zu</translation>
    </message>
    <message>
        <source>the model is speaking</source>
        <translation>das Modell spricht</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>verbindet neu</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Screenmate: %1</source>
        <translation>Screenmate: %1</translation>
    </message>
    <message>
        <source>microphone muted</source>
        <translation>Mikrofon stumm</translation>
    </message>
    <message>
        <source>sharing paused</source>
        <translation>Freigabe pausiert</translation>
    </message>
    <message>
        <source>&amp;Resume Sharing</source>
        <translation>Freigabe &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation>Fenster &amp;zeigen</translation>
    </message>
</context>
<context>
    <name>UsageMeterLabel</name>
    <message>
        <source>cost unknown for %1 turns</source>
        <translation>Kosten für %1 Runden unbekannt</translation>
    </message>
    <message>
        <source>cost unknown for 1 turn</source>
        <translation>Kosten für 1 Runde unbekannt</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>Sitzung: %1</translation>
    </message>
    <message>
        <source>Session: %1 tokens · ≈ %2</source>
        <translation>Sitzung: %1 Tokens · ≈ %2</translation>
    </message>
    <message>
        <source>1 turn</source>
        <translation>1 Runde</translation>
    </message>
    <message>
        <source>%1 turns</source>
        <translation>%1 Runden</translation>
    </message>
    <message>
        <source>This session, summed over %1</source>
        <translation>Diese Sitzung, summiert über %1</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Thinking (billed as output text)</source>
        <translation>Denken (als Ausgabetext berechnet)</translation>
    </message>
    <message>
        <source>Tool use (billed as input text)</source>
        <translation>Werkzeugnutzung (als Eingabetext berechnet)</translation>
    </message>
    <message>
        <source>Input without a modality (priced at the dearest input rate)</source>
        <translation>Eingabe ohne Modalität (zum teuersten Eingabepreis)</translation>
    </message>
    <message>
        <source>Output without a modality (priced at the dearest output rate)</source>
        <translation>Ausgabe ohne Modalität (zum teuersten Ausgabepreis)</translation>
    </message>
    <message>
        <source>The server reported no usage for %1 turn(s): their cost is unknown.</source>
        <translation>Der Server meldete für %1 Runde(n) keine Nutzung: deren Kosten sind unbekannt.</translation>
    </message>
    <message>
        <source>Estimated with prices as of %1 (edit prices.json in the config folder).</source>
        <translation>Geschätzt mit Preisen vom %1 (prices.json im Konfigurationsordner anpassen).</translation>
    </message>
</context>
<context>
    <name>VisionController</name>
    <message>
        <source>No other windows to share</source>
        <translation>Keine anderen Fenster zum Teilen</translation>
    </message>
    <message>
        <source>No camera found</source>
        <translation>Keine Kamera gefunden</translation>
    </message>
    <message>
        <source>Camera %1 is not connected.</source>
        <translation>Kamera %1 ist nicht angeschlossen.</translation>
    </message>
</context>
<context>
    <name>VisionPanel</name>
    <message>
        <source>What the model sees</source>
        <translation>Was das Modell sieht</translation>
    </message>
    <message>
        <source>What to share with the model</source>
        <translation>Was mit dem Modell geteilt wird</translation>
    </message>
    <message>
        <source>Nothing shared</source>
        <translation>Nichts geteilt</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Skipped (unchanged)</source>
        <translation>Übersprungen (unverändert)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Pause sharing</source>
        <translation>Freigabe pausieren</translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation>Keine Freigabe</translation>
    </message>
    <message>
        <source>Region…</source>
        <translation>Bereich…</translation>
    </message>
    <message>
        <source>Last region</source>
        <translation>Letzter Bereich</translation>
    </message>
    <message>
        <source>Window…</source>
        <translation>Fenster…</translation>
    </message>
    <message>
        <source>Camera…</source>
        <translation>Kamera…</translation>
    </message>
    <message>
        <source>Resume sharing</source>
        <translation>Freigabe fortsetzen</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>Pausiert: %1</translation>
    </message>
    <message>
        <source>Sharing %1</source>
        <translation>Teile %1</translation>
    </message>
    <message>
        <source>%1 (shared once the session is live)</source>
        <translation>%1 (wird geteilt, sobald die Sitzung live ist)</translation>
    </message>
    <message>
        <source>Last frame sent: %1×%2, %3 KB (%4)</source>
        <translation>Zuletzt gesendetes Bild: %1×%2, %3 KB (%4)</translation>
    </message>
</context>
<context>
    <name>VisionSettingsBox</name>
    <message>
        <source>Screen sharing</source>
        <translation>Bildschirmfreigabe</translation>
    </message>
    <message>
        <source>Server default (~258 tokens a frame)</source>
        <translation>Serverstandard (~258 Tokens pro Bild)</translation>
    </message>
    <message>
        <source>Low (~66 tokens a frame)</source>
        <translation>Niedrig (~66 Tokens pro Bild)</translation>
    </message>
    <message>
        <source>Frame &amp;detail:</source>
        <translation>Bild&amp;detail:</translation>
    </message>
    <message>
        <source> per second</source>
        <translation> pro Sekunde</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>Höchstens:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Long side:</source>
        <translation>Lange Seite:</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>● Speaking</source>
        <translation>● Spricht</translation>
    </message>
    <message>
        <source>Hands-free</source>
        <translation>Freihändig</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Push-to-Talk</translation>
    </message>
    <message>
        <source>Hands-free: the model notices when you start and stop talking.
Push-to-talk: hold the talk button while you speak, or click it to start and again to stop.</source>
        <translation>Freihändig: Das Modell merkt, wann Sie zu sprechen beginnen und aufhören.
Push-to-Talk: Halten Sie die Sprechtaste, während Sie sprechen, oder klicken Sie zum Starten und erneut zum Beenden.</translation>
    </message>
    <message>
        <source>No microphone</source>
        <translation>Kein Mikrofon</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Listening · just talk</source>
        <translation>Hört zu · einfach sprechen</translation>
    </message>
    <message>
        <source>Talking… (click to stop)</source>
        <translation>Sprechen… (Klick beendet)</translation>
    </message>
    <message>
        <source>Talking…</source>
        <translation>Sprechen…</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>Zum Sprechen halten</translation>
    </message>
    <message>
        <source>Hold while you speak, or click once to start and again to stop.</source>
        <translation>Beim Sprechen gedrückt halten, oder einmal klicken zum Starten und erneut zum Beenden.</translation>
    </message>
    <message>
        <source>Hands-free: switch to push-to-talk to use this button.</source>
        <translation>Freihändig: Für diese Taste zu Push-to-Talk wechseln.</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stumm aus</translation>
    </message>
    <message>
        <source>Microphone: %1</source>
        <translation>Mikrofon: %1</translation>
    </message>
    <message>
        <source>Speaker: %1</source>
        <translation>Lautsprecher: %1</translation>
    </message>
</context>
<context>
    <name>self._window</name>
    <message>
        <source>Cannot listen for companion devices on port %1: %2</source>
        <translation>Begleitgeräte können auf Port %1 nicht empfangen werden: %2</translation>
    </message>
    <message>
        <source>Open a link?</source>
        <translation>Einen Link öffnen?</translation>
    </message>
    <message>
        <source>The model wants to open this page in your browser:

%1</source>
        <translation>Das Modell möchte diese Seite in Ihrem Browser öffnen:

%1</translation>
    </message>
</context>
</TS>
