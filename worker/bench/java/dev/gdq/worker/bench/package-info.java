/**
 * Benchmarks of the sampling engine: plain harness mains, compiled only with the Maven profile {@code bench}
 * and run by the drivers in {@code worker/bench/}. Speed is measured here, never asserted in unit tests. The
 * machine is noisy, so every benchmark interleaves its variants, repeats them and reports medians and ratios
 * measured side by side in one run; the latest results are in {@code BENCHMARKS.md}.
 */
package dev.gdq.worker.bench;
