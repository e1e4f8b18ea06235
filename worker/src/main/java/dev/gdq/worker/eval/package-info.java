/**
 * Sample quality evaluation: generates fixed sweeps of guidance settings and measures each against the real test
 * set with the model's evaluation classifier (class accuracy, Frechet distance on its features, an Inception-Score
 * analogue, k-NN precision and recall), then writes tables, trade-off plots and sample grids.
 */
package dev.gdq.worker.eval;
