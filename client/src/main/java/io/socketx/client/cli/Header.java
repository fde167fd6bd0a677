package io.socketx.client.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One {@code --header NAME:VALUE} of the upgrade request. */
record Header(String name, String value) {

  /** Reads {@code NAME:VALUE}; the value may itself contain colons. */
  static final class Converter implements ITypeConverter<Header> {
    @Override
    public Header convert(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new TypeConversionException("needs NAME:VALUE but got '" + text + "'");
      }
      return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }
  }
}
