package io.socketx.proxy.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.argument.StructuredArgument;

/**
 * {@code %fields}: the structured arguments of an event that its message has no placeholder for, so
 * that console logs show what the JSON logs carry as fields.
 */
public final class StructuredFieldsConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    if (args == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (Object arg : args) {
      if (arg instanceof StructuredArgument) {
        out.append(' ').append(arg);
      }
    }
    return out.toString();
  }
}
