"""A counting TCP proxy: the bytes the server really sends, as they cross the wire (``make bench``).

Playwright reports a websocket frame's payload after decompression, so with permessage-deflate it overstates
what travelled. The browser talks to this proxy instead of the server; the proxy forwards every connection
unchanged and counts, for the connection that carries Streamlit's websocket (``/_stcore/stream``), the bytes
from server to browser: compressed frames and frame headers, the upgrade response included.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading


class CountingProxy:
    """``with CountingProxy(server_port) as proxy:`` browse ``proxy.url``; read ``proxy.websocket_bytes``."""

    def __init__(self, target_port: int, host: str = "127.0.0.1"):
        self.host, self.target_port = host, target_port
        self.websocket_bytes = 0
        self.port = 0
        self._server: asyncio.Server | None = None
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def reset(self) -> None:
        self.websocket_bytes = 0

    def __enter__(self) -> CountingProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError):
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _shutdown(self) -> None:
        """Stop accepting, then end the connections still open (no "task destroyed but pending" at exit)."""
        if self._server is not None:
            self._server.close()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._handle, self.host, 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _handle(self, client_reader, client_writer) -> None:
        try:
            await self._relay(client_reader, client_writer)
        except asyncio.CancelledError:  # the proxy is closing: end this connection quietly
            client_writer.close()

    async def _relay(self, client_reader, client_writer) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            client_writer.close()
            return
        first = await client_reader.read(65536)
        is_socket = b"/_stcore/stream" in first.split(b"\r\n", 1)[0]
        upstream_writer.write(first)

        async def pipe(reader, writer, count: bool) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await reader.read(65536):
                    if count:
                        self.websocket_bytes += len(data)
                    writer.write(data)
                    await writer.drain()
            with contextlib.suppress(Exception):
                writer.close()

        await asyncio.gather(
            pipe(client_reader, upstream_writer, False), pipe(upstream_reader, client_writer, is_socket)
        )
