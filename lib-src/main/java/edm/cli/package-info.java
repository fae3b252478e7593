/**
 * The command-line experiments: {@link edm.cli.Main} dispatches on the first argument to a
 * {@link edm.cli.Command}; {@link edm.cli.Options} parses {@code --name value} pairs for all of them.
 */
package edm.cli;
