/**
 * The command-line experiments: {@link edm.cli.Main} dispatches on the first argument to a
 * {@link edm.cli.Command}; each command declares its options with picocli annotations behind the
 * {@code PicoCommand} adapter, which turns every parse error into one {@code error:} line (exit 2).
 * Values are checked with messages naming the option, the value and the range ({@code Args}), and
 * output files before any work ({@code Outputs}: no output over an input or another output, an
 * existing file replaced only with {@code --force}, writability checked first).
 */
package edm.cli;
