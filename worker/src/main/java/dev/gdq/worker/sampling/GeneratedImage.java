package dev.gdq.worker.sampling;

/**
 * A finished image.
 *
 * @param order  what was asked
 * @param pixels values in [-1, 1], channel-major
 * @param png    the PNG with the generation parameters in a tEXt chunk
 */
public record GeneratedImage(ImageOrder order, float[] pixels, byte[] png) {
}
