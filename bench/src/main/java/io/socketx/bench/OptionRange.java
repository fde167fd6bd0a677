package io.socketx.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Rejects an option value outside its range, naming the option, so the command exits 2. */
public final class OptionRange {
  private OptionRange() {}

  /**
   * Returns {@code value} as an int when {@code min <= value <= max}.
   *
   * @throws ParameterException naming {@code option} otherwise
   */
  public static int check(CommandSpec spec, String option, long value, int min, int max) {
    if (value < min || value > max) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be between " + min + " and " + max + " but was " + value);
    }
    return (int) value;
  }
}
