/**
 * Per-key costs folded into a bounded summary: totals, by db / type / encoding / key prefix, and
 * the top keys by allocated bytes and by rounding waste. {@link io.fragscope.analysis.keys.KeyAggregator}
 * consumes the cost stream once; its memory does not grow with the number of keys.
 */
package io.fragscope.analysis.keys;
