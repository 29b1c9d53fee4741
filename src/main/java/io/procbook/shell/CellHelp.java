package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.shell.help.Inspector;
import io.procbook.shell.magic.Magics;

import java.util.Map;

/**
 * IPython's help in a cell and in inspect requests: {@code NAME?} answers with NAME's documentation as a pager
 * payload, {@code %magic?} with the magic's help text.
 */
final class CellHelp {

    private final Magics magics;

    CellHelp(Magics magics) {
        this.magics = magics;
    }

    /** A cell that is only a help request: the page, or a line on stdout saying what was not found. */
    ExecuteOutcome answer(HelpRequest help, Cell cell, CodeAnalysis analysis) {
        Inspector.Answer answer = help.isMagic() ? magic(help.target()) : analysis.help(help.target(), help.detail());
        if (!answer.found()) {
            cell.output().stream("stdout", answer.notFound() + "\n");
            return ExecuteOutcome.ok(null);
        }
        return ExecuteOutcome.page(answer.data());
    }

    /** The help of the magic named {@code token}, or an answer saying there is none. */
    Inspector.Answer magic(String token) {
        return magics.help(token).map(text -> new Inspector.Answer(Map.<String, Object>of("text/plain", text), null))
                .orElse(new Inspector.Answer(null, "`" + token + "` not found: no magic has that name."));
    }
}
