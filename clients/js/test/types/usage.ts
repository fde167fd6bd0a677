// Compiled (not run) by test/types.test.mjs: the published declarations type a browser-style use.
import { SocketX, PinMismatchError, ProtocolError, UpgradeRejectedError, type SocketXOptions } from '@socketx/client';

const options: SocketXOptions = { pins: ['sha256:-5brqRVUG4Y2A-lgqe6SVRJInlSqPWQKNQhq67aS6EA'], binaryType: 'arraybuffer' };
const socket = new SocketX('wss://chat.example.com/chat?room=1', options);
socket.addEventListener('open', () => socket.send(new Uint8Array([1, 2])));
socket.addEventListener('message', (event) => {
  const data: string | ArrayBuffer | Blob = event.data;
  if (typeof data === 'string') socket.send(data.toUpperCase());
});
socket.addEventListener('close', (event) => console.log(event.code, event.reason, event.wasClean, event.origin));
socket.addEventListener('error', (event) => {
  const error = event.error;
  if (error instanceof PinMismatchError) console.log(error.presented, error.pinned.join());
  else if (error instanceof UpgradeRejectedError) console.log(error.status, error.originRejected);
  else if (error instanceof ProtocolError) console.log(error.error, error.code);
});
socket.onmessage = (event) => console.log(event.data);
const buffered: number = socket.bufferedAmount;
socket.close(1000, 'bye');
void buffered;
