"""The studio's services as a FastAPI dependency (``app.state.studio``, set by
``studio_pages.install_studio``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from shopcast.studio.services import Studio


def get_studio(connection: HTTPConnection) -> Studio:
    return connection.app.state.studio


StudioDep = Annotated[Studio, Depends(get_studio)]
