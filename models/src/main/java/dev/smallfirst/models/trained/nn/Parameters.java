package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** The parameters the blocks declare: initialized weights and (DJL-default, zero) biases. */
final class Parameters {

  private Parameters() {}

  /** A weight of {@code shape} drawn by {@code initializer}. */
  static Parameter weight(String name, Shape shape, Initializer initializer) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(shape)
        .optInitializer(initializer)
        .build();
  }

  /** A bias of {@code shape} with DJL's default initializer for biases. */
  static Parameter bias(String name, Shape shape) {
    return Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(shape).build();
  }
}
