package io.communique.service.validation;

/**
 * Validation group of the constraints that hold only when a node is created: on an update, a
 * field left out (null) means "leave it as it is", so required values are required on creation only.
 */
public interface OnCreate {
}
