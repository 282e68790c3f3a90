// Shared by the subscription checks: waits, polling the server's metrics, until at least `count`
// subscriptions are attached to its event stream; fails after `timeoutMs`.
export async function subscriptionsAttached(base, count, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const metrics = await (await fetch(`${base}/q/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('communique_live_subscriptions'));
    if (line && Number(line.split(' ').pop()) >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} never reported ${count} open subscription(s)`);
}
