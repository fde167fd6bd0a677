// Waiting on a SocketX's events instead of a clock: messages as they arrive, the first error, the close.

/** Messages as they arrive; `count(n)` waits for n of them and fails at once on an error event. */
export function collect(socket) {
  const messages = [];
  const waiters = [];
  let failure;
  socket.addEventListener('message', (e) => {
    messages.push(e.data);
    waiters.filter((w) => messages.length >= w.count).forEach((w) => w.resolve());
  });
  socket.addEventListener('error', (e) => {
    failure = e.error;
    waiters.forEach((w) => w.reject(e.error));
  });
  const count = (n) =>
    new Promise((resolve, reject) => (failure ? reject(failure) : messages.length >= n ? resolve() : waiters.push({ count: n, resolve, reject })));
  return { messages, count };
}

/** Resolves with the next event of `type` (for `error`, its `error`). */
export function next(socket, type) {
  return new Promise((resolve) => socket.addEventListener(type, (e) => resolve(type === 'error' ? e.error : e), { once: true }));
}
