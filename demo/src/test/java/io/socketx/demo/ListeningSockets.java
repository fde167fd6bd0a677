package io.socketx.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process tree listens on, read from Linux's /proc. */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** The local addresses of the listening TCP sockets of {@code root} and its descendants. */
  static List<InetSocketAddress> of(ProcessHandle root) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (ProcessHandle p : Stream.concat(Stream.of(root), root.descendants()).toList()) {
      Path fds = Path.of("/proc", Long.toString(p.pid()), "fd");
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
        for (Path fd : entries) {
          String target = readLink(fd);
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        }
      } catch (IOException e) {
        // the process ended meanwhile: it listens on nothing
      }
    }
    List<InetSocketAddress> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) { // after the header
        String[] f = line.strip().split("\\s+");
        if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
          listening.add(address(f[1]));
        }
      }
    }
    return listening;
  }

  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code 0100007F:1F90} (IPv4) or 32 hex digits and a port (IPv6), words in host order. */
  static InetSocketAddress address(String hex) throws UnknownHostException {
    String[] parts = hex.split(":");
    byte[] raw = HexFormat.of().parseHex(parts[0]);
    byte[] address = new byte[raw.length];
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        address[word + i] = raw[word + 3 - i]; // each 32-bit word is little-endian on x86/arm
      }
    }
    return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
  }
}
