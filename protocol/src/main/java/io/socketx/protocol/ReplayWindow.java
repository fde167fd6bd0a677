package io.socketx.protocol;

/**
 * Sliding anti-replay window over 63-bit sequence numbers: a number newer than any seen is
 * accepted, one within {@code size} of the newest is accepted once, anything older is rejected.
 */
public final class ReplayWindow {
  private final int size;
  private final long[] bits;
  private final int capacity;
  private long highest = -1;

  public ReplayWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1 but was " + size);
    }
    this.size = size;
    this.bits = new long[(size + 63) / 64];
    this.capacity = bits.length * 64;
  }

  /** The number of most recent sequence numbers the window remembers. */
  public int size() {
    return size;
  }

  /**
   * Checks a sequence number without recording it.
   *
   * @throws ProtocolException {@link ProtocolError#REPLAY} if it was seen, {@link
   *     ProtocolError#OUTSIDE_WINDOW} if it is older than the window
   */
  public void check(long sequence) throws ProtocolException {
    if (sequence > highest) {
      return;
    }
    if (sequence < 0 || highest - sequence >= size) {
      throw new ProtocolException(
          ProtocolError.OUTSIDE_WINDOW,
          "sequence " + sequence + " is older than the window of " + size + " behind " + highest);
    }
    if (isSet(sequence)) {
      throw new ProtocolException(ProtocolError.REPLAY, "sequence " + sequence + " was seen");
    }
  }

  /** Records a sequence number that passed {@link #check} and authenticated. */
  public void accept(long sequence) {
    if (sequence > highest) {
      long advance = sequence - highest;
      if (advance >= capacity) {
        java.util.Arrays.fill(bits, 0L);
      } else {
        for (long s = highest + 1; s < sequence; s++) {
          clear(s);
        }
      }
      highest = sequence;
    }
    set(sequence);
  }

  private boolean isSet(long sequence) {
    int index = (int) Long.remainderUnsigned(sequence, capacity);
    return (bits[index >>> 6] & (1L << (index & 63))) != 0;
  }

  private void set(long sequence) {
    int index = (int) Long.remainderUnsigned(sequence, capacity);
    bits[index >>> 6] |= 1L << (index & 63);
  }

  private void clear(long sequence) {
    int index = (int) Long.remainderUnsigned(sequence, capacity);
    bits[index >>> 6] &= ~(1L << (index & 63));
  }
}
