"""The edge that talks to Gemini Live through google-genai: connect, send, receive."""
