"""A kernel manager that frees idle kernels on time: all at once, without a grace period.

Jupyter Server checks idle kernels in a loop and waits for each one's graceful shutdown (about
half a second per kernel on a busy laptop) before looking at the next. When a room of 30 or 50
closes their tabs at the end of a workshop, the last kernel was freed 10 s or more after its
idle timeout. Here every kernel is checked concurrently, and a kernel being culled is stopped
at once: it belongs to a closed page and holds nothing worth saving. So every kernel is freed
within the configured time (idle timeout plus one check interval). `toolkit.server` passes this
class to Voila.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

_CULLING: ContextVar[bool] = ContextVar("culling", default=False)


class ConcurrentCullingKernelManager(AsyncMappingKernelManager):
    """AsyncMappingKernelManager whose idle check stops all idle kernels at once."""

    async def cull_kernels(self) -> None:
        """Check every kernel for idleness concurrently; log (never raise) a failed check."""
        token = _CULLING.set(True)  # seen by shutdown_kernel in the tasks below
        try:
            ids = list(self._kernels)
            results = await asyncio.gather(
                *(self.cull_kernel_if_idle(kernel_id) for kernel_id in ids),
                return_exceptions=True,
            )
        finally:
            _CULLING.reset(token)
        for kernel_id, result in zip(ids, results, strict=True):
            if isinstance(result, BaseException):
                self.log.error("Checking whether kernel %s is idle failed: %r", kernel_id, result)

    async def shutdown_kernel(
        self, kernel_id: str, now: bool = False, restart: bool = False
    ) -> Any:
        """Shut a kernel down; when culling, without waiting for it to finish on its own."""
        return await super().shutdown_kernel(kernel_id, now=now or _CULLING.get(), restart=restart)
