/** Images out of the sampler: PNG encoding with generation parameters embedded, and labelled contact sheets. */
package dev.gdq.worker.image;
