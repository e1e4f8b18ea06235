/**
 * Served models: reads a model folder ({@code model.json} and TorchScript files), checks it against the
 * reference model contract (hashes, manifest, tensor shapes), picks the device and loads the networks on
 * DJL's PyTorch engine behind small interfaces the sampler uses.
 */
package dev.gdq.worker.model;
