/**
 * The magics: a leading {@code %} line or a {@code %%} cell ({@code %time}, {@code %%time}, {@code %timeit},
 * {@code %classpath}/{@code %jars}, {@code %maven}, {@code %%sh}, {@code %lsmagic}, {@code %monitor},
 * {@code %who}, {@code %reset}...). {@code Magics} parses a cell into magic steps and Java; each
 * {@link io.procbook.shell.magic.Magic} runs with a {@link io.procbook.shell.magic.MagicContext}, through which
 * it evaluates Java in the session and writes to the cell, and returns an
 * {@link io.procbook.shell.api.Engine.ExecuteOutcome}.
 *
 * <p>Depends on {@code shell.api} and the runtime, never on {@code shell}'s engine: the engine provides the
 * context.
 */
package io.procbook.shell.magic;
