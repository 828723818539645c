"""Frame layout and the scene renderer: host, product card, captions, AI label, live widgets.

``Layout.for_aspect`` places things, ``SceneRenderer.render`` draws one RGBA frame, and
``captions.caption_pages`` / ``caption_state_at`` turn word timings into caption pages."""
