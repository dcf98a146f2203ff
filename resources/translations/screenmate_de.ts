<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Screenmate</source>
        <translation>Über Screenmate</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Talk with Google&apos;s Gemini Live about what is on your screen: your voice and the part of the screen you choose go to the model, its answers come back as speech and text.</source>
        <translation>Sprechen Sie mit Googles Gemini Live über das, was auf Ihrem Bildschirm ist: Ihre Stimme und der gewählte Bildschirmbereich gehen an das Modell, seine Antworten kommen als Sprache und Text zurück.</translation>
    </message>
    <message>
        <source>Not connected yet.</source>
        <translation>Noch nicht verbunden.</translation>
    </message>
    <message>
        <source>This run uses the offline demo: a model emulator built into Screenmate answers on this computer. Nothing is sent to Google. Enter a Gemini API key in Settings to talk to Gemini.</source>
        <translation>Diese Sitzung nutzt die Offline-Demo: Ein in Screenmate eingebauter Modell-Emulator antwortet auf diesem Computer. Nichts wird an Google gesendet. Geben Sie in den Einstellungen einen Gemini-API-Schlüssel ein, um mit Gemini zu sprechen.</translation>
    </message>
    <message>
        <source>This run talks to Google&apos;s Gemini Live API with your API key. What you say, type and share is sent to Google and billed to that key.</source>
        <translation>Diese Sitzung spricht mit Ihrem API-Schlüssel mit Googles Gemini Live API. Was Sie sagen, tippen und teilen, wird an Google gesendet und über diesen Schlüssel abgerechnet.</translation>
    </message>
    <message>
        <source>system</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Screenmate is licensed under %1. It is built on:</source>
        <translation>Screenmate steht unter der Lizenz %1. Es baut auf:</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
</context>
<context>
    <name>AudioMessages</name>
    <message>
        <source>The microphone “%1” stopped delivering audio; retrying in the background…</source>
        <translation>Das Mikrofon „%1“ liefert keinen Ton mehr; neuer Versuch im Hintergrund…</translation>
    </message>
    <message>
        <source>The microphone “%1” stopped; retrying in the background…</source>
        <translation>Das Mikrofon „%1“ wurde beendet; neuer Versuch im Hintergrund…</translation>
    </message>
    <message>
        <source>The speaker “%1” stopped playing; retrying in the background…</source>
        <translation>Der Lautsprecher „%1“ spielt nicht mehr ab; neuer Versuch im Hintergrund…</translation>
    </message>
    <message>
        <source>The speaker “%1” stopped; retrying in the background…</source>
        <translation>Der Lautsprecher „%1“ wurde beendet; neuer Versuch im Hintergrund…</translation>
    </message>
    <message>
        <source>Cannot open the microphone “%1”: %2</source>
        <translation>Das Mikrofon „%1“ lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Cannot open the speaker “%1”: %2</source>
        <translation>Der Lautsprecher „%1“ lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>The microphone “%1” is not available; using “%2”.</source>
        <translation>Das Mikrofon „%1“ ist nicht verfügbar; „%2“ wird verwendet.</translation>
    </message>
    <message>
        <source>The speaker “%1” is not available; using “%2”.</source>
        <translation>Der Lautsprecher „%1“ ist nicht verfügbar; „%2“ wird verwendet.</translation>
    </message>
    <message>
        <source>No microphone was found.</source>
        <translation>Es wurde kein Mikrofon gefunden.</translation>
    </message>
    <message>
        <source>No speaker or headphones were found.</source>
        <translation>Es wurden weder Lautsprecher noch Kopfhörer gefunden.</translation>
    </message>
    <message>
        <source>Sound is not available: the PortAudio library is missing (%2).</source>
        <translation>Ton ist nicht verfügbar: Die PortAudio-Bibliothek fehlt (%2).</translation>
    </message>
    <message>
        <source>The microphone failed: %2</source>
        <translation>Das Mikrofon ist ausgefallen: %2</translation>
    </message>
    <message>
        <source>The speaker failed: %2</source>
        <translation>Der Lautsprecher ist ausgefallen: %2</translation>
    </message>
    <message>
        <source>Voice is off; you can still type.</source>
        <translation>Die Spracheingabe ist aus; Sie können weiterhin tippen.</translation>
    </message>
    <message>
        <source>A companion device is talking; the microphone waits.</source>
        <translation>Ein Begleitgerät spricht gerade; das Mikrofon wartet.</translation>
    </message>
</context>
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
        <source>No microphone was found, so voice is off: type your questions in the box at the bottom of the window.</source>
        <translation>Es wurde kein Mikrofon gefunden, daher ist die Sprache aus: Tippen Sie Ihre Fragen in das Feld unten im Fenster.</translation>
    </message>
    <message>
        <source>Hold the &lt;b&gt;Talk&lt;/b&gt; button while you speak, or press Ctrl+T.</source>
        <translation>Halten Sie beim Sprechen die Taste &lt;b&gt;Sprechen&lt;/b&gt; gedrückt, oder drücken Sie Strg+T.</translation>
    </message>
    <message>
        <source>Hold &lt;b&gt;%1&lt;/b&gt; anywhere to talk, release to send.</source>
        <translation>Halten Sie überall &lt;b&gt;%1&lt;/b&gt; gedrückt, um zu sprechen; loslassen sendet.</translation>
    </message>
    <message>
        <source>The tray icon shows when the model listens or speaks.</source>
        <translation>Das Symbol im Infobereich zeigt, wann das Modell zuhört oder spricht.</translation>
    </message>
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
    <name>GlobalHotkey</name>
    <message>
        <source>Wayland does not let apps watch global keys. Use the Talk button or the tray menu, or bind a desktop shortcut to the tray&apos;s Talk item (GNOME/KDE settings).</source>
        <translation>Wayland lässt Apps keine globalen Tasten beobachten. Nutzen Sie die Sprechen-Schaltfläche oder das Tray-Menü, oder legen Sie in den GNOME/KDE-Einstellungen ein Tastenkürzel auf den Sprechen-Eintrag des Trays.</translation>
    </message>
    <message>
        <source>On Wayland the hotkey works only while an X11 (XWayland) window has the focus. For a system-wide key, log in to an X11 session or use the tray&apos;s Talk item.</source>
        <translation>Unter Wayland wirkt das Tastenkürzel nur, solange ein X11-Fenster (XWayland) den Fokus hat. Für eine systemweite Taste melden Sie sich in einer X11-Sitzung an oder nutzen Sie den Sprechen-Eintrag des Trays.</translation>
    </message>
    <message>
        <source>No X display, so there is no global hotkey.</source>
        <translation>Keine X-Anzeige, daher gibt es kein globales Tastenkürzel.</translation>
    </message>
    <message>
        <source>%1 is already used by another program. Pick another push-to-talk key in Settings (for example Ctrl+Shift+F12 or Pause).</source>
        <translation>%1 wird bereits von einem anderen Programm verwendet. Wählen Sie in den Einstellungen eine andere Push-to-Talk-Taste (zum Beispiel Strg+Umschalt+F12 oder Pause).</translation>
    </message>
    <message>
        <source>Global hotkeys are unavailable here (%1).</source>
        <translation>Globale Tastenkürzel sind hier nicht verfügbar (%1).</translation>
    </message>
    <message>
        <source>macOS blocks the push-to-talk hotkey until Screenmate is allowed in System Settings › Privacy &amp; Security › Accessibility (and Input Monitoring).</source>
        <translation>macOS blockiert das Push-to-Talk-Tastenkürzel, bis Screenmate unter Systemeinstellungen › Datenschutz &amp; Sicherheit › Bedienungshilfen (und Eingabeüberwachung) erlaubt ist.</translation>
    </message>
    <message>
        <source>The global hotkey could not start (on X11 the server needs the RECORD extension). Use the Talk button or the tray.</source>
        <translation>Das globale Tastenkürzel konnte nicht starten (unter X11 braucht der Server die RECORD-Erweiterung). Nutzen Sie die Sprechen-Schaltfläche oder das Tray.</translation>
    </message>
</context>
<context>
    <name>GroundingPanel</name>
    <message>
        <source>Sources (Google Search)</source>
        <translation>Quellen (Google-Suche)</translation>
    </message>
    <message>
        <source>Sources of the answer</source>
        <translation>Quellen der Antwort</translation>
    </message>
    <message>
        <source>The pages the answer drew on, and Google&apos;s search suggestions.</source>
        <translation>Die Seiten, auf die sich die Antwort stützt, und die Suchvorschläge von Google.</translation>
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
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>First line</source>
        <translation>Erste Zeile</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Screenmate — History</source>
        <translation>Screenmate — Verlauf</translation>
    </message>
    <message>
        <source>Search every line of every session</source>
        <translation>Alle Zeilen aller Sitzungen durchsuchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>Past sessions: date, duration, first line, tokens, cost.</source>
        <translation>Frühere Sitzungen: Datum, Dauer, erste Zeile, Tokens, Kosten.</translation>
    </message>
    <message>
        <source>Selected session&apos;s transcript</source>
        <translation>Transkript der ausgewählten Sitzung</translation>
    </message>
    <message>
        <source>History file</source>
        <translation>Verlaufsdatei</translation>
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
        <source>Save the selected session as a Markdown file.</source>
        <translation>Die ausgewählte Sitzung als Markdown-Datei speichern.</translation>
    </message>
    <message>
        <source>Save the selected session as a JSON file.</source>
        <translation>Die ausgewählte Sitzung als JSON-Datei speichern.</translation>
    </message>
    <message>
        <source>Delete the selected session from the history.</source>
        <translation>Die ausgewählte Sitzung aus dem Verlauf löschen.</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Export-Ergebnis</translation>
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
        <source>Saved to %1</source>
        <translation>Gespeichert unter %1</translation>
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
    <name>HotkeyMessages</name>
    <message>
        <source>Type a key combination.</source>
        <translation>Geben Sie eine Tastenkombination ein.</translation>
    </message>
    <message>
        <source>A hotkey needs exactly one key besides Ctrl, Alt, Shift, Super.</source>
        <translation>Ein Tastenkürzel braucht genau eine Taste neben Strg, Alt, Umschalt, Super.</translation>
    </message>
    <message>
        <source>A modifier key is named twice.</source>
        <translation>Eine Zusatztaste ist doppelt angegeben.</translation>
    </message>
    <message>
        <source>Unknown key “%1”.</source>
        <translation>Unbekannte Taste „%1“.</translation>
    </message>
    <message>
        <source>Use a letter, a digit or a named key instead of “%1”.</source>
        <translation>Verwenden Sie statt „%1“ einen Buchstaben, eine Ziffer oder eine benannte Taste.</translation>
    </message>
    <message>
        <source>This key would fire while you type; add Ctrl, Alt or Super.</source>
        <translation>Diese Taste würde beim Tippen auslösen; nehmen Sie Strg, Alt oder Super dazu.</translation>
    </message>
    <message>
        <source>Shift alone types text; add Ctrl, Alt or Super.</source>
        <translation>Umschalt allein tippt Text; nehmen Sie Strg, Alt oder Super dazu.</translation>
    </message>
    <message>
        <source>input source / Spotlight / launcher</source>
        <translation>Eingabequelle / Spotlight / Starter</translation>
    </message>
    <message>
        <source>input method switching and code completion</source>
        <translation>das Umschalten der Eingabemethode und die Code-Vervollständigung</translation>
    </message>
    <message>
        <source>the window menu</source>
        <translation>das Fenstermenü</translation>
    </message>
    <message>
        <source>the system&apos;s security screen</source>
        <translation>den Sicherheitsbildschirm des Systems</translation>
    </message>
    <message>
        <source>switching windows</source>
        <translation>das Wechseln zwischen Fenstern</translation>
    </message>
    <message>
        <source>closing the window</source>
        <translation>das Schließen des Fensters</translation>
    </message>
    <message>
        <source>opening a terminal</source>
        <translation>das Öffnen eines Terminals</translation>
    </message>
    <message>
        <source>locking the screen</source>
        <translation>das Sperren des Bildschirms</translation>
    </message>
    <message>
        <source>editor parameter hints</source>
        <translation>Parameterhinweise im Editor</translation>
    </message>
    <message>
        <source>copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>cut</source>
        <translation>Ausschneiden</translation>
    </message>
    <message>
        <source>undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>taking a screenshot</source>
        <translation>Bildschirmfotos</translation>
    </message>
    <message>
        <source>%1 is normally used for %2; pick another.</source>
        <translation>%1 wird normalerweise für %2 verwendet; wählen Sie ein anderes.</translation>
    </message>
</context>
<context>
    <name>KeyEntryBox</name>
    <message>
        <source>Gemini API key</source>
        <translation>Gemini-API-Schlüssel</translation>
    </message>
    <message>
        <source>Paste a key to store it in the OS keychain</source>
        <translation>Schlüssel hier einfügen</translation>
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
        <source>No keychain to save the key in</source>
        <translation>Kein Schlüsselbund zum Speichern des Schlüssels</translation>
    </message>
    <message>
        <source>This system has no OS keychain Screenmate can use (on Linux: no Secret Service, such as GNOME Keyring or KWallet, is running). Screenmate never writes keys to a file, so this key is used only until you quit.</source>
        <translation>Dieses System hat keinen Schlüsselbund, den Screenmate nutzen kann (unter Linux: Es läuft kein Secret Service wie GNOME Keyring oder KWallet). Screenmate schreibt Schlüssel nie in eine Datei, daher wird dieser Schlüssel nur bis zum Beenden verwendet.</translation>
    </message>
    <message>
        <source>To keep it, run this once in a Command Prompt, then restart Screenmate:</source>
        <translation>Um ihn zu behalten, führen Sie dies einmal in der Eingabeaufforderung aus und starten Screenmate dann neu:</translation>
    </message>
    <message>
        <source>To keep it, run this once in a terminal, then log out and back in (or start Screenmate from that terminal):</source>
        <translation>Um ihn zu behalten, führen Sie dies einmal in einem Terminal aus und melden sich dann ab und wieder an (oder starten Screenmate aus diesem Terminal):</translation>
    </message>
    <message>
        <source>Command that sets GEMINI_API_KEY</source>
        <translation>Befehl, der GEMINI_API_KEY setzt</translation>
    </message>
    <message>
        <source>Key status</source>
        <translation>Schlüsselstatus</translation>
    </message>
    <message>
        <source>Copy Command</source>
        <translation>Befehl kopieren</translation>
    </message>
    <message>
        <source>Copies the line with your key: paste it only into your terminal</source>
        <translation>Kopiert die Zeile mit Ihrem Schlüssel: Fügen Sie sie nur in Ihr Terminal ein</translation>
    </message>
    <message>
        <source>Paste an API key into the field first.</source>
        <translation>Fügen Sie zuerst einen API-Schlüssel in das Feld ein.</translation>
    </message>
    <message>
        <source>The OS keychain could not remove the key. Is it locked?</source>
        <translation>Der Schlüsselbund des Systems konnte den Schlüssel nicht entfernen. Ist er gesperrt?</translation>
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
        <source>The key works. Save it to start using it.</source>
        <translation>Der Schlüssel funktioniert. Speichern Sie ihn, um ihn zu verwenden.</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>Der Schlüssel funktioniert.</translation>
    </message>
    <message>
        <source>The key was not checked.</source>
        <translation>Der Schlüssel wurde nicht geprüft.</translation>
    </message>
    <message>
        <source>No network: couldn&apos;t reach Google. Check that this computer is online (and any proxy or firewall), then test again.</source>
        <translation>Kein Netzwerk: Google war nicht erreichbar. Prüfen Sie, ob dieser Computer online ist (und ggf. Proxy oder Firewall), und testen Sie dann erneut.</translation>
    </message>
    <message>
        <source>Google didn&apos;t answer within %1 seconds. The connection may be slow or blocked; test again in a moment.</source>
        <translation>Google hat nicht innerhalb von %1 Sekunden geantwortet. Die Verbindung ist vielleicht langsam oder blockiert; testen Sie gleich noch einmal.</translation>
    </message>
    <message>
        <source>The secure connection to Google failed: its certificate wasn&apos;t trusted. A proxy or security software may be intercepting HTTPS on this network.</source>
        <translation>Die sichere Verbindung zu Google ist fehlgeschlagen: Dem Zertifikat wurde nicht vertraut. Möglicherweise fängt ein Proxy oder eine Sicherheitssoftware in diesem Netzwerk HTTPS ab.</translation>
    </message>
    <message>
        <source>The proxy refused the connection to Google. Check its settings.</source>
        <translation>Der Proxy hat die Verbindung zu Google abgelehnt. Prüfen Sie seine Einstellungen.</translation>
    </message>
    <message>
        <source>Google says this key isn&apos;t valid. Copy it again from aistudio.google.com/apikey: it starts with “AIza”.</source>
        <translation>Laut Google ist dieser Schlüssel ungültig. Kopieren Sie ihn erneut von aistudio.google.com/apikey: Er beginnt mit „AIza“.</translation>
    </message>
    <message>
        <source>This key has expired. Create a new one at aistudio.google.com/apikey.</source>
        <translation>Dieser Schlüssel ist abgelaufen. Erstellen Sie einen neuen auf aistudio.google.com/apikey.</translation>
    </message>
    <message>
        <source>This key may not use the Gemini API. In the key&apos;s Google Cloud project, enable the Generative Language API, or lift the key&apos;s API restrictions.</source>
        <translation>Dieser Schlüssel darf die Gemini API nicht nutzen. Aktivieren Sie im Google-Cloud-Projekt des Schlüssels die Generative Language API oder heben Sie die API-Beschränkungen des Schlüssels auf.</translation>
    </message>
    <message>
        <source>The key is valid, but its quota is used up or it sent too many requests. Wait a minute, or check the plan and billing at aistudio.google.com.</source>
        <translation>Der Schlüssel ist gültig, aber sein Kontingent ist aufgebraucht oder er hat zu viele Anfragen gesendet. Warten Sie eine Minute oder prüfen Sie Tarif und Abrechnung auf aistudio.google.com.</translation>
    </message>
    <message>
        <source>The Gemini API isn&apos;t available in your country or region. Screenmate can still run the offline demo.</source>
        <translation>Die Gemini API ist in Ihrem Land oder Ihrer Region nicht verfügbar. Screenmate kann weiterhin die Offline-Demo ausführen.</translation>
    </message>
    <message>
        <source>Google had a problem answering (HTTP %1); the key is probably fine. Test again in a minute.</source>
        <translation>Google hatte ein Problem beim Antworten (HTTP %1); der Schlüssel ist wahrscheinlich in Ordnung. Testen Sie in einer Minute erneut.</translation>
    </message>
    <message>
        <source>The key could not be tested: %1</source>
        <translation>Der Schlüssel konnte nicht getestet werden: %1</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>The key in the %1 environment variable is used; it takes precedence over the keychain.</source>
        <translation>Der Schlüssel aus der Umgebungsvariable %1 wird verwendet; er hat Vorrang vor dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>The key you entered is used until Screenmate quits (there is no keychain to save it in).</source>
        <translation>Der eingegebene Schlüssel wird verwendet, bis Screenmate beendet wird (es gibt keinen Schlüsselbund zum Speichern).</translation>
    </message>
    <message>
        <source>A key is stored in the OS keychain and is used.</source>
        <translation>Ein Schlüssel ist im Schlüsselbund des Systems gespeichert und wird verwendet.</translation>
    </message>
    <message>
        <source>No key is set, so Screenmate runs the offline demo with an emulated model. Get a key at aistudio.google.com.</source>
        <translation>Es ist kein Schlüssel gesetzt, daher läuft Screenmate als Offline-Demo mit einem emulierten Modell. Einen Schlüssel gibt es auf aistudio.google.com.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>Microphone input level</source>
        <translation>Mikrofonpegel</translation>
    </message>
    <message>
        <source>How loud the microphone hears you, 0 to 100 %.</source>
        <translation>Wie laut das Mikrofon Sie hört, 0 bis 100 %.</translation>
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
        <source>● You are speaking</source>
        <translation>● Sie sprechen</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>What you and the model said, newest at the bottom.</source>
        <translation>Was Sie und das Modell gesagt haben, das Neueste unten.</translation>
    </message>
    <message>
        <source>Sources (Google Search)</source>
        <translation>Quellen (Google-Suche)</translation>
    </message>
    <message>
        <source>Type a message and press Enter</source>
        <translation>Nachricht eingeben und Enter drücken</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Type a message and press Enter to send it.</source>
        <translation>Nachricht eingeben und mit der Eingabetaste senden.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the typed message.</source>
        <translation>Die eingegebene Nachricht senden.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting (attempt %n)…</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch (%n)…</numerusform>
            <numerusform>Neuer Verbindungsversuch (%n)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %1 s (attempt %n)…</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch in %1 s (%n)…</numerusform>
            <numerusform>Neuer Verbindungsversuch in %1 s (%n)…</numerusform>
        </translation>
    </message>
    <message>
        <source>The model is waiting for you to say more.</source>
        <translation>Das Modell wartet darauf, dass Sie weitersprechen.</translation>
    </message>
    <message>
        <source>The model ended its answer early (%1).</source>
        <translation>Das Modell hat seine Antwort vorzeitig beendet (%1).</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Voice: %1 · Language: %2</source>
        <translation>Stimme: %1 · Sprache: %2</translation>
    </message>
    <message>
        <source>Opening the Live API endpoint.</source>
        <translation>Der Live-API-Endpunkt wird geöffnet.</translation>
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
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Screenmate</source>
        <translation>Über &amp;Screenmate</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sitzung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
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
    <message>
        <source>Session state indicator</source>
        <translation>Anzeige des Sitzungszustands</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>Sitzungszustand</translation>
    </message>
    <message>
        <source>Try to reconnect now instead of waiting.</source>
        <translation>Jetzt neu verbinden statt zu warten.</translation>
    </message>
    <message>
        <source>Latest turn&apos;s tokens</source>
        <translation>Tokens der letzten Runde</translation>
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
        <source>prompt</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>response</source>
        <translation>Antwort</translation>
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
    <name>ModelPicker</name>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>&amp;Thinking:</source>
        <translation>&amp;Denken:</translation>
    </message>
    <message>
        <source>Built-in list (no key, or the offline demo).</source>
        <translation>Eingebaute Liste (kein Schlüssel oder Offline-Demo).</translation>
    </message>
    <message>
        <source>Reading the models your key may use…</source>
        <translation>Die für Ihren Schlüssel verfügbaren Modelle werden gelesen…</translation>
    </message>
    <message>
        <source>Built-in list: the models list could not be read.</source>
        <translation>Eingebaute Liste: Die Modellliste konnte nicht gelesen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n Live model(s) your key may use.</source>
        <translation>
            <numerusform>%n Live-Modell, das Ihr Schlüssel nutzen darf.</numerusform>
            <numerusform>%n Live-Modelle, die Ihr Schlüssel nutzen darf.</numerusform>
        </translation>
    </message>
    <message>
        <source>Built-in list: your key lists no Live model.</source>
        <translation>Eingebaute Liste: Ihr Schlüssel listet kein Live-Modell.</translation>
    </message>
</context>
<context>
    <name>ModelSuggestion</name>
    <message>
        <source>Your model is %1, Google&apos;s previous preview. Google recommends %2, the current Live model.</source>
        <translation>Ihr Modell ist %1, Googles vorherige Vorschau. Google empfiehlt %2, das aktuelle Live-Modell.</translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>Zu %1 wechseln</translation>
    </message>
    <message>
        <source>Keep my model</source>
        <translation>Mein Modell behalten</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>First time on a phone or watch: 1. open the certificate link below; 2. install it (Android: Settings › Security › Install a certificate › CA certificate; iPhone: install the profile, then enable it under General › About › Certificate Trust Settings); 3. check that its SHA-256 fingerprint matches the one shown here. It is valid only for this computer&apos;s names and addresses, so it cannot vouch for any other website. Without it, typing still works; the microphone needs it.</source>
        <translation>Zum ersten Mal auf einem Telefon oder einer Uhr: 1. Öffnen Sie den Zertifikatslink unten; 2. installieren Sie es (Android: Einstellungen › Sicherheit › Zertifikat installieren › CA-Zertifikat; iPhone: Profil installieren, dann unter Allgemein › Info › Zertifikatsvertrauenseinstellungen aktivieren); 3. prüfen Sie, dass sein SHA-256-Fingerabdruck mit dem hier gezeigten übereinstimmt. Es gilt nur für die Namen und Adressen dieses Computers und kann daher für keine andere Website bürgen. Ohne das Zertifikat funktioniert das Tippen trotzdem; das Mikrofon braucht es.</translation>
    </message>
    <message>
        <source>Pair a device</source>
        <translation>Gerät koppeln</translation>
    </message>
    <message>
        <source>Scan with the phone or watch camera</source>
        <translation>Mit der Kamera von Telefon oder Uhr scannen</translation>
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
        <source>Pairing QR code</source>
        <translation>QR-Code zum Koppeln</translation>
    </message>
    <message>
        <source>Pairing code</source>
        <translation>Kopplungscode</translation>
    </message>
    <message>
        <source>Address to open on the device</source>
        <translation>Adresse, die auf dem Gerät zu öffnen ist</translation>
    </message>
    <message>
        <source>New code</source>
        <translation>Neuer Code</translation>
    </message>
    <message>
        <source>Withdraw this code and show a new one.</source>
        <translation>Diesen Code zurückziehen und einen neuen anzeigen.</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Zertifikats-Fingerabdruck</translation>
    </message>
    <message>
        <source>Certificate address</source>
        <translation>Zertifikatsadresse</translation>
    </message>
    <message>
        <source>Paired &amp;devices</source>
        <translation>Gekoppelte &amp;Geräte</translation>
    </message>
    <message>
        <source>Paired devices</source>
        <translation>Gekoppelte Geräte</translation>
    </message>
    <message>
        <source>Each paired watch or phone: name, last seen, connected or not.</source>
        <translation>Jede gekoppelte Uhr bzw. jedes Telefon: Name, zuletzt gesehen, verbunden oder nicht.</translation>
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
        <source>Remove the selected device; it must pair again to connect.</source>
        <translation>Das ausgewählte Gerät entfernen; es muss sich zum Verbinden neu koppeln.</translation>
    </message>
    <message>
        <source>Single use · expires in %1 s</source>
        <translation>Einmalig · läuft in %1 s ab</translation>
    </message>
    <message>
        <source>1 wrong attempt from %2</source>
        <translation>1 falscher Versuch von %2</translation>
    </message>
    <message>
        <source>%1 wrong attempts from %2</source>
        <translation>%1 falsche Versuche von %2</translation>
    </message>
    <message>
        <source> (locked out for 5 minutes)</source>
        <translation> (für 5 Minuten gesperrt)</translation>
    </message>
    <message>
        <source>Too many wrong codes: this code is off; scan the QR code or press New code.</source>
        <translation>Zu viele falsche Codes: Dieser Code ist deaktiviert; scannen Sie den QR-Code oder drücken Sie „Neuer Code“.</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation>vor %1 Tagen</translation>
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
    <name>SessionMessages</name>
    <message>
        <source>Cannot connect to %1: the connection was refused.</source>
        <translation>Keine Verbindung zu %1: Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>No network: couldn&apos;t reach %1. Check the network connection.</source>
        <translation>Kein Netzwerk: %1 war nicht erreichbar. Prüfen Sie die Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Connecting to %1 timed out.</source>
        <translation>Die Verbindung zu %1 hat zu lange gedauert.</translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: the server&apos;s certificate is not trusted.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: Dem Zertifikat des Servers wird nicht vertraut.</translation>
    </message>
    <message>
        <source>The server refused access (HTTP %3). Check the API key.</source>
        <translation>Der Server hat den Zugriff verweigert (HTTP %3). Prüfen Sie den API-Schlüssel.</translation>
    </message>
    <message>
        <source>The Live API endpoint was not found at %1 (HTTP 404).</source>
        <translation>Der Live-API-Endpunkt wurde unter %1 nicht gefunden (HTTP 404).</translation>
    </message>
    <message>
        <source>Too many requests (HTTP 429). Try again later.</source>
        <translation>Zu viele Anfragen (HTTP 429). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server answered HTTP %3.</source>
        <translation>Der Server antwortete mit HTTP %3.</translation>
    </message>
    <message>
        <source>The server at %1 stopped answering.</source>
        <translation>Der Server %1 antwortet nicht mehr.</translation>
    </message>
    <message>
        <source>The server sent a malformed message.</source>
        <translation>Der Server hat eine fehlerhafte Nachricht gesendet.</translation>
    </message>
    <message>
        <source>Internal error in Screenmate.</source>
        <translation>Interner Fehler in Screenmate.</translation>
    </message>
    <message>
        <source>The API key was rejected. Check or renew the key in Settings.</source>
        <translation>Der API-Schlüssel wurde abgelehnt. Prüfen oder erneuern Sie den Schlüssel in den Einstellungen.</translation>
    </message>
    <message>
        <source>Permission denied. Check that the key&apos;s project may use the Live API.</source>
        <translation>Zugriff verweigert. Prüfen Sie, ob das Projekt des Schlüssels die Live API nutzen darf.</translation>
    </message>
    <message>
        <source>The Live API isn&apos;t available in your country or region.</source>
        <translation>Die Live API ist in Ihrem Land oder Ihrer Region nicht verfügbar.</translation>
    </message>
    <message>
        <source>Quota exceeded. Check the plan and billing of the key&apos;s project, or try again later.</source>
        <translation>Kontingent überschritten. Prüfen Sie Tarif und Abrechnung des Projekts, zu dem der Schlüssel gehört, oder versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The session could not be resumed; starting a new one.</source>
        <translation>Die Sitzung konnte nicht fortgesetzt werden; eine neue beginnt.</translation>
    </message>
    <message>
        <source>The model is not available. Pick another in Settings.</source>
        <translation>Das Modell ist nicht verfügbar. Wählen Sie in den Einstellungen ein anderes.</translation>
    </message>
    <message>
        <source>The server rejected the request as invalid.</source>
        <translation>Der Server hat die Anfrage als ungültig abgelehnt.</translation>
    </message>
    <message>
        <source>The server refused the session (policy).</source>
        <translation>Der Server hat die Sitzung abgelehnt (Richtlinie).</translation>
    </message>
    <message>
        <source>The server had an internal error.</source>
        <translation>Auf dem Server ist ein interner Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>The server is busy.</source>
        <translation>Der Server ist ausgelastet.</translation>
    </message>
    <message>
        <source>The connection dropped.</source>
        <translation>Die Verbindung ist abgebrochen.</translation>
    </message>
    <message>
        <source>The server ended the connection as announced; resuming.</source>
        <translation>Der Server hat die Verbindung wie angekündigt beendet; es geht weiter.</translation>
    </message>
    <message>
        <source>The server ended the connection.</source>
        <translation>Der Server hat die Verbindung beendet.</translation>
    </message>
    <message>
        <source>The connection closed with code %3.</source>
        <translation>Die Verbindung wurde mit Code %3 geschlossen.</translation>
    </message>
    <message>
        <source>Started a new session with the last %3 turns as context.</source>
        <translation>Eine neue Sitzung hat begonnen, mit den letzten %3 Beiträgen als Kontext.</translation>
    </message>
    <message>
        <source>Started a new session; the model does not know the earlier conversation.</source>
        <translation>Eine neue Sitzung hat begonnen; das Modell kennt die frühere Unterhaltung nicht.</translation>
    </message>
    <message>
        <source>New settings in use; the conversation goes on.</source>
        <translation>Neue Einstellungen sind aktiv; die Unterhaltung geht weiter.</translation>
    </message>
    <message>
        <source>the server failed on it twice</source>
        <translation>der Server ist zweimal daran gescheitert</translation>
    </message>
    <message>
        <source>%1 Starting a new session.</source>
        <translation>%1 Eine neue Sitzung beginnt.</translation>
    </message>
    <message>
        <source>%1 This happened %2 times in a row: check the model and the key in Settings, then reconnect.</source>
        <translation>%1 Das ist %2-mal hintereinander passiert: Prüfen Sie Modell und Schlüssel in den Einstellungen und verbinden Sie dann neu.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>English (US)</source>
        <translation>Englisch (USA)</translation>
    </message>
    <message>
        <source>English (UK)</source>
        <translation>Englisch (UK)</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>Portugiesisch (Brasilien)</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Niederländisch</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polnisch</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russisch</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkisch</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japanisch</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Koreanisch</translation>
    </message>
    <message>
        <source>Chinese (Mandarin)</source>
        <translation>Chinesisch (Mandarin)</translation>
    </message>
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
        <source>Instruction presets</source>
        <translation>Vorlagen für Anweisungen</translation>
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
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Screenmate</source>
        <translation>Screenmate</translation>
    </message>
    <message>
        <source>Screen-share assistant</source>
        <translation>Bildschirm-Assistent</translation>
    </message>
    <message>
        <source>Coding helper</source>
        <translation>Programmierhilfe</translation>
    </message>
    <message>
        <source>Language tutor</source>
        <translation>Sprachlehrer</translation>
    </message>
    <message>
        <source>Accessibility reader</source>
        <translation>Vorleser für Barrierefreiheit</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Talk while held (Talk button focused)</source>
        <translation>Sprechen, solange gedrückt (Sprechtaste fokussiert)</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
    <message>
        <source>Move between controls</source>
        <translation>Zwischen Bedienelementen wechseln</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Umschalt+Tab</translation>
    </message>
    <message>
        <source>Clear the pointer highlight</source>
        <translation>Die Zeiger-Markierung entfernen</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close History or a dialog</source>
        <translation>Verlauf oder Dialog schließen</translation>
    </message>
    <message>
        <source>Esc, Ctrl+W</source>
        <translation>Esc, Strg+W</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Each action and the keys that do it</source>
        <translation>Jede Aktion und die Tasten dafür</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SideColumn</name>
    <message>
        <source>Side panels</source>
        <translation>Seitenleisten</translation>
    </message>
</context>
<context>
    <name>SourceLabels</name>
    <message>
        <source>Region %1×%2 at %3,%4</source>
        <translation>Bereich %1×%2 bei %3,%4</translation>
    </message>
    <message>
        <source>Screen %1</source>
        <translation>Bildschirm %1</translation>
    </message>
    <message>
        <source>Window “%1”</source>
        <translation>Fenster „%1“</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>Fenster %1</translation>
    </message>
    <message>
        <source>Camera “%1”</source>
        <translation>Kamera „%1“</translation>
    </message>
</context>
<context>
    <name>ToolLogPanel</name>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Scheduling</source>
        <translation>Planung</translation>
    </message>
    <message>
        <source>interrupt</source>
        <translation>unterbrechen</translation>
    </message>
    <message>
        <source>when idle</source>
        <translation>wenn frei</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>still</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Tool calls</source>
        <translation>Werkzeugaufrufe</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s function calls.</source>
        <translation>Die Funktionsaufrufe des Modells ein- oder ausblenden.</translation>
    </message>
    <message>
        <source>Function calls</source>
        <translation>Funktionsaufrufe</translation>
    </message>
    <message>
        <source>One row per call: tool, status, time, arguments, result, scheduling.</source>
        <translation>Eine Zeile pro Aufruf: Werkzeug, Status, Zeit, Argumente, Ergebnis, Planung.</translation>
    </message>
    <message>
        <source>The model&apos;s tool calls will appear here.</source>
        <translation>Hier erscheinen die Werkzeugaufrufe des Modells.</translation>
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
        <source>Copy transcript</source>
        <translation>Mitschrift kopieren</translation>
    </message>
    <message>
        <source>The conversation appears here.

Try it: share a region in “What the model sees”, then ask “Where is the red box?” or “What do you see?”. With “Point at things on the shared screen” on (the default), the answer highlights what it names on your screen.

Without an API key an offline emulator answers: it goes by the colours and shapes in the picture and cannot read text.</source>
        <translation>Hier erscheint die Unterhaltung.

Probieren Sie es aus: Teilen Sie unter „Was das Modell sieht“ einen Bereich und fragen Sie dann „Wo ist das rote Kästchen?“ oder „Was siehst du?“. Ist „Auf Dinge im geteilten Bildschirm zeigen“ an (Standard), hebt die Antwort das Genannte auf Ihrem Bildschirm hervor.

Ohne API-Schlüssel antwortet ein Offline-Emulator: Er richtet sich nach den Farben und Formen im Bild und kann keinen Text lesen.</translation>
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
    <message>
        <source>voice, not played</source>
        <translation>Stimme, nicht abgespielt</translation>
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
        <source>There is no system tray on this desktop, so Screenmate lives in this window.</source>
        <translation>Dieser Desktop hat keinen Infobereich, daher lebt Screenmate in diesem Fenster.</translation>
    </message>
    <message>
        <source>Push-to-talk: the Talk button below.</source>
        <translation>Push-to-Talk: die Sprechtaste unten.</translation>
    </message>
    <message>
        <source>Push-to-talk: the Talk button below, or hold %1 anywhere.</source>
        <translation>Push-to-Talk: die Sprechtaste unten, oder halten Sie überall %1 gedrückt.</translation>
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
        <source>Screenmate keeps the session in the tray: Talk in its menu talks, Quit ends it.</source>
        <translation>Screenmate hält die Sitzung im Infobereich: „Sprechen“ in seinem Menü spricht, „Beenden“ beendet sie.</translation>
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
        <source>Sh&amp;aring</source>
        <translation>&amp;Teilen</translation>
    </message>
    <message>
        <source>&amp;Pause or Resume Sharing</source>
        <translation>Teilen &amp;pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>Pick a &amp;Region…</source>
        <translation>&amp;Bereich wählen…</translation>
    </message>
    <message>
        <source>Share a &amp;Window…</source>
        <translation>&amp;Fenster teilen…</translation>
    </message>
    <message>
        <source>Screen %1 (%2×%3)</source>
        <translation>Bildschirm %1 (%2×%3)</translation>
    </message>
    <message>
        <source>Windows to share</source>
        <translation>Fenster zum Teilen</translation>
    </message>
    <message>
        <source>Share a window with the model</source>
        <translation>Ein Fenster mit dem Modell teilen</translation>
    </message>
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
        <source>Shared source</source>
        <translation>Geteilte Quelle</translation>
    </message>
    <message>
        <source>Last frame sent to the model</source>
        <translation>Letztes an das Modell gesendetes Bild</translation>
    </message>
    <message>
        <source>Nothing shared</source>
        <translation>Nichts geteilt</translation>
    </message>
    <message>
        <source>Sharing status</source>
        <translation>Status des Teilens</translation>
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
        <source>Skipped (rate limit)</source>
        <translation>Übersprungen (Ratenlimit)</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Frames looked at: sent plus skipped.</source>
        <translation>Betrachtete Bilder: gesendet plus übersprungen.</translation>
    </message>
    <message>
        <source>Changed, but at most one frame a second is sent.</source>
        <translation>Geändert, aber es wird höchstens ein Bild pro Sekunde gesendet.</translation>
    </message>
    <message>
        <source>Pause sharing</source>
        <translation>Freigabe pausieren</translation>
    </message>
    <message>
        <source>Stop or restart sending frames.</source>
        <translation>Das Senden von Bildern stoppen oder neu starten.</translation>
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
        <source>Region %1</source>
        <translation>Bereich %1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>Fenster: %1</translation>
    </message>
    <message>
        <source>Camera: %1</source>
        <translation>Kamera: %1</translation>
    </message>
    <message>
        <source>Pick again…</source>
        <translation>Neu wählen…</translation>
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
    <name>VoiceController</name>
    <message>
        <source>&amp;Voice</source>
        <translation>St&amp;imme</translation>
    </message>
    <message>
        <source>&amp;Talk (Start or Stop)</source>
        <translation>&amp;Sprechen (Start oder Stopp)</translation>
    </message>
    <message>
        <source>&amp;Mute Microphone</source>
        <translation>Mikrofon &amp;stummschalten</translation>
    </message>
    <message>
        <source>Hands-free is on: just talk. Switch to push-to-talk to use Talk.</source>
        <translation>Freihändig ist an: einfach sprechen. Wechseln Sie zu Push-to-Talk, um „Sprechen“ zu nutzen.</translation>
    </message>
</context>
<context>
    <name>VoiceControls</name>
    <message>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Stop or resume sending the microphone.</source>
        <translation>Das Senden des Mikrofons stoppen oder fortsetzen.</translation>
    </message>
    <message>
        <source>● Speaking</source>
        <translation>● Spricht</translation>
    </message>
    <message>
        <source>The model is speaking</source>
        <translation>Das Modell spricht</translation>
    </message>
    <message>
        <source>Talk mode</source>
        <translation>Sprechmodus</translation>
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
        <source>Talk: %1</source>
        <translation>Sprechen: %1</translation>
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
    <name>WarningBanner</name>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss warning</source>
        <translation>Warnung ausblenden</translation>
    </message>
    <message>
        <source>Hides this warning until something changes.</source>
        <translation>Blendet diese Warnung aus, bis sich etwas ändert.</translation>
    </message>
</context>
<context>
    <name>WaylandShare</name>
    <message>
        <source>Screen sharing on Wayland needs the desktop&apos;s D-Bus session bus, and there is none (DBUS_SESSION_BUS_ADDRESS is unset or dead). Start Screenmate from your desktop session, not from a bare terminal or ssh.</source>
        <translation>Bildschirmfreigabe unter Wayland braucht den D-Bus-Sitzungsbus des Desktops, und es gibt keinen (DBUS_SESSION_BUS_ADDRESS ist nicht gesetzt oder tot). Starten Sie Screenmate aus Ihrer Desktop-Sitzung, nicht aus einem bloßen Terminal oder über ssh.</translation>
    </message>
    <message>
        <source>Screen sharing on Wayland goes through the desktop portal, and it is not running. Install xdg-desktop-portal and your desktop&apos;s backend (xdg-desktop-portal-gnome, -kde or -wlr), then log out and in again.</source>
        <translation>Bildschirmfreigabe unter Wayland läuft über das Desktop-Portal, und es läuft nicht. Installieren Sie xdg-desktop-portal und das Backend Ihres Desktops (xdg-desktop-portal-gnome, -kde oder -wlr), melden Sie sich dann ab und wieder an.</translation>
    </message>
    <message>
        <source>This desktop&apos;s portal offers no screen sharing (no ScreenCast backend). Install the backend for your desktop (xdg-desktop-portal-gnome, -kde or -wlr for sway and other wlroots compositors) and log in again, or use an X11 session.</source>
        <translation>Das Portal dieses Desktops bietet keine Bildschirmfreigabe (kein ScreenCast-Backend). Installieren Sie das Backend für Ihren Desktop (xdg-desktop-portal-gnome, -kde oder -wlr für sway und andere wlroots-Compositoren) und melden Sie sich neu an, oder verwenden Sie eine X11-Sitzung.</translation>
    </message>
    <message>
        <source>Screen sharing on Wayland needs PipeWire, and it is not running. Install and start pipewire and wireplumber (systemctl --user enable --now pipewire wireplumber).</source>
        <translation>Bildschirmfreigabe unter Wayland braucht PipeWire, und es läuft nicht. Installieren und starten Sie pipewire und wireplumber (systemctl --user enable --now pipewire wireplumber).</translation>
    </message>
    <message>
        <source>Screen sharing was cancelled in the desktop&apos;s dialog, so nothing is shared. Choose the screen again to be asked again.</source>
        <translation>Die Bildschirmfreigabe wurde im Dialog des Desktops abgebrochen, daher wird nichts geteilt. Wählen Sie den Bildschirm erneut, um wieder gefragt zu werden.</translation>
    </message>
    <message>
        <source>Screen sharing was stopped from the desktop. Sharing is paused: resume to share again (the desktop will ask which screen).</source>
        <translation>Die Bildschirmfreigabe wurde vom Desktop beendet. Das Teilen ist pausiert: Setzen Sie es fort, um wieder zu teilen (der Desktop fragt, welcher Bildschirm).</translation>
    </message>
    <message>
        <source>The desktop started screen sharing but sends no picture. Check that PipeWire and wireplumber run, or restart the portal (xdg-desktop-portal).</source>
        <translation>Der Desktop hat die Bildschirmfreigabe gestartet, sendet aber kein Bild. Prüfen Sie, ob PipeWire und wireplumber laufen, oder starten Sie das Portal (xdg-desktop-portal) neu.</translation>
    </message>
    <message>
        <source>Sharing one window is not available on Wayland yet: share a region around it, or the whole screen, instead.</source>
        <translation>Ein einzelnes Fenster zu teilen ist unter Wayland noch nicht möglich: Teilen Sie stattdessen einen Bereich darum oder den ganzen Bildschirm.</translation>
    </message>
</context>
<context>
    <name>WaylandShortcuts</name>
    <message>
        <source>This desktop offers global shortcuts through its portal, but Screenmate does not use them yet: on Wayland the hotkey works only while an X11 (XWayland) window has the focus. Use the Talk button or the tray&apos;s Talk item.</source>
        <translation>Dieser Desktop bietet globale Tastenkürzel über sein Portal an, aber Screenmate nutzt sie noch nicht: Unter Wayland funktioniert das Tastenkürzel nur, solange ein X11-Fenster (XWayland) den Fokus hat. Verwenden Sie die Sprechtaste oder den Eintrag „Sprechen“ im Infobereich.</translation>
    </message>
    <message>
        <source>Global push-to-talk is unavailable on this Wayland desktop: it offers apps no global shortcuts (no GlobalShortcuts portal; KDE Plasma and GNOME 48 or later have one). Use the Talk button or the tray&apos;s Talk item.</source>
        <translation>Globales Push-to-Talk ist auf diesem Wayland-Desktop nicht verfügbar: Er bietet Apps keine globalen Tastenkürzel (kein GlobalShortcuts-Portal; KDE Plasma und GNOME ab 48 haben eines). Verwenden Sie die Sprechtaste oder den Eintrag „Sprechen“ im Infobereich.</translation>
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
