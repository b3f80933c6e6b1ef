package org.clipsynergy.backbone;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;

/**
 * How to run a backbone.
 *
 * @param device the device, or empty for the default: the first GPU when the engine sees one, else
 *     the CPU
 * @param precision the precision, or empty for the one the model was exported in ({@code
 *     export.json}, fp32 when absent)
 */
public record BackboneOptions(Optional<Device> device, Optional<Precision> precision) {

    /** Checks that neither field is null. */
    public BackboneOptions {
        device = device == null ? Optional.empty() : device;
        precision = precision == null ? Optional.empty() : precision;
    }

    /** The defaults: a GPU if present, else the CPU; the exported precision. */
    public static BackboneOptions defaults() {
        return new BackboneOptions(Optional.empty(), Optional.empty());
    }

    /** These options with a fixed device. */
    public BackboneOptions withDevice(Device d) {
        return new BackboneOptions(Optional.of(d), precision);
    }

    /** These options with a fixed precision. */
    public BackboneOptions withPrecision(Precision p) {
        return new BackboneOptions(device, Optional.of(p));
    }

    /** The device to use: the chosen one, else the first GPU if the engine has one, else CPU. */
    public Device resolveDevice(Engine engine) {
        return device.orElseGet(() -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu());
    }
}
