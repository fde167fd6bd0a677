package io.socketx.protocol.v2;

/**
 * One heap array per thread that AES-GCM runs in when a record's buffer has no array of its own
 * (direct buffers, as Netty's pooled allocator hands them out). It grows to the largest record the
 * thread handled, up to {@link #RETAINED} bytes; a larger record gets an array of its own.
 */
final class Scratch {
  /** 1 MiB (the proxy's default MAX_MESSAGE_SIZE) plus room for the record overhead. */
  static final int RETAINED = (1 << 20) + 64;

  private static final int FIRST = 4 * 1024;
  private static final ThreadLocal<byte[]> ARRAY = ThreadLocal.withInitial(() -> new byte[FIRST]);

  private Scratch() {}

  /** An array of at least {@code length} bytes, this thread's own while no other call uses it. */
  static byte[] array(int length) {
    byte[] array = ARRAY.get();
    if (array.length >= length) {
      return array;
    }
    if (length > RETAINED) {
      return new byte[length];
    }
    byte[] grown = new byte[Math.min(RETAINED, Math.max(length, array.length * 2))];
    ARRAY.set(grown);
    return grown;
  }
}
