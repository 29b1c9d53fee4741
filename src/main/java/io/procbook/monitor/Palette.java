package io.procbook.monitor;

/**
 * Colours, shared by sparklines, the summary chart and the legend so that a row keeps its colour. The chart
 * draws on its own white background: these read on it whatever the notebook's theme.
 */
final class Palette {

    // Tableau 10: distinguishable, also in print
    private static final String[] COLOURS = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
    };
    static final String TOTAL = "#222222";
    static final String MACHINE = "#999999";
    static final String LIMIT = "#d62728";
    static final String BACKGROUND = "#ffffff";
    static final String TEXT = "#222222";
    static final String GRID = "#e6e6e6";
    static final String AXIS = "#666666";

    private Palette() { }

    static String colour(int index) { return COLOURS[index % COLOURS.length]; }
}
