package io.procbook.kernel;

/** The kinds of bad input the kernel survives; each kind is logged once per kernel (see {@link ProblemLog}). */
enum Problem {
    BAD_SIGNATURE("message with a bad signature dropped"),
    REPLAYED("signed message seen before (a replay) dropped"),
    MALFORMED_FRAMES("message with malformed frames (no <IDS|MSG> delimiter or too few parts) dropped"),
    INVALID_JSON("message with invalid JSON or invalid UTF-8 dropped"),
    MISSING_FIELD("message without a required header field dropped"),
    UNKNOWN_TYPE("message of an unknown type answered with an error or dropped"),
    BAD_CONTENT("request with missing or ill-typed content fields answered with an error"),
    UNEXPECTED_INPUT_REPLY("input_reply that answers no pending input_request dropped"),
    ENGINE_FAILURE("the engine threw while serving a request; answered with an error");

    final String description;

    Problem(String description) {
        this.description = description;
    }
}
