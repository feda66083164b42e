"""Text that would run as script if anything wrote spec text into the page unescaped."""

HOSTILE = "</script><script>window.__xss=1</script>"
