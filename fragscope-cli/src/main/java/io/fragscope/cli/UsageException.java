package io.fragscope.cli;

/** Bad command line: printed with a hint to --help, exit status 2. */
final class UsageException extends Exception {
    UsageException(String message) { super(message); }
}
