/**
 * The library API of fragscope-core: what a front end (the CLI, the Spark job, a service) calls.
 *
 * <ul>
 *   <li>{@link io.fragscope.Analyzer} — a whole run over files and folders: {@link io.fragscope.AnalysisRequest} in,
 *       {@link io.fragscope.AnalysisResult} out (INFO series, key datasets matched with their instance's dumps,
 *       growth between datasets, reclaim plans); {@link io.fragscope.KeyListener} hears every key's cost,
 *       {@link io.fragscope.ProgressListener} the reading.</li>
 *   <li>{@link io.fragscope.InputAnalyzer} — one input held anywhere ({@link io.fragscope.source.InputSource}: a name,
 *       a size in bytes, a modification time, a stream opener) analysed alone into an
 *       {@link io.fragscope.InputResult}; results of many inputs combine through
 *       {@link io.fragscope.analysis.keys.KeySummary#merge} and {@link io.fragscope.analysis.keys.Totals#plus}.</li>
 *   <li>{@link io.fragscope.InputReport} — how an input fared ({@code ok}, {@code partial}, {@code error},
 *       {@code skipped}, {@code crashed}) with its one-line message naming the file and the line or offset.</li>
 * </ul>
 *
 * Neither entry point throws for a bad input; both stream every input in bounded memory. This module depends on no
 * report format (POI, Jackson) and no command line (Commons CLI, progressbar).
 */
package io.fragscope;
