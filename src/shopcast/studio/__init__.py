"""The seller studio's services: scripts written and approved in the studio, persona previews
(look and voice per market) and the render queue (one job at a time, with progress)."""
