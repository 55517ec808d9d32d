"""A kernel manager that frees idle kernels on time: all at once, without a grace period.

Jupyter Server checks idle kernels in a loop and waits for each one's graceful shutdown (about
half a second per kernel on a busy laptop) before looking at the next. When a room of 30 or 50
closes their tabs at the end of a workshop, the last kernel was freed 10 s or more after its
idle timeout. Here every kernel is checked concurrently, and a kernel being culled is stopped
at once: it belongs to a closed page and holds nothing worth saving. So every kernel is freed
within the configured time (idle timeout plus one check interval). `toolkit.server` passes this
class to Voila.

A kernel whose page is gone but that still counts as busy is culled too (`cull_busy`, set in
`toolkit.server`): a kit cell never runs for minutes, and in one bench run of 100 participants one
kernel outlived the culling time; a lost final "idle" status under load is the likeliest cause we
found (not proven: four runs since freed every kernel). A kernel kept past its idle time is
logged once with the reason (a page still connected, or busy), so a facilitator and the bench
can see why it stays.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

_CULLING: ContextVar[bool] = ContextVar("culling", default=False)


class ConcurrentCullingKernelManager(AsyncMappingKernelManager):
    """AsyncMappingKernelManager whose idle check stops all idle kernels at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept_logged: set[str] = set()  # kernels already logged as kept past their time

    async def cull_kernels(self) -> None:
        """Check every kernel for idleness concurrently; log (never raise) a failed check."""
        token = _CULLING.set(True)  # seen by shutdown_kernel in the tasks below
        try:
            ids = list(self._kernels)
            self._kept_logged.intersection_update(ids)  # forget kernels that are gone
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

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Jupyter Server's idle check; then say once why a kernel past its idle time stays."""
        await super().cull_kernel_if_idle(kernel_id)
        kernel = self._kernels.get(kernel_id)
        last = getattr(kernel, "last_activity", None)
        if kernel is None or last is None or kernel_id in self._kept_logged:
            return
        # the timeout Jupyter Server's check used: the kernel spec's own, if it sets one
        timeout = kernel.kernel_spec.metadata.get("cull_idle_timeout", self.cull_idle_timeout)
        idle = (datetime.now(UTC) - last).total_seconds()
        if idle <= timeout:
            return
        connections = self._kernel_connections.get(kernel_id, 0)
        reason = f"{connections} page(s) connected" if connections else "busy"
        self._kept_logged.add(kernel_id)
        self.log.info(
            "Kept kernel %s, idle %d s: %s (state %s).",
            kernel_id,
            idle,
            reason,
            getattr(kernel, "execution_state", "?"),
        )
