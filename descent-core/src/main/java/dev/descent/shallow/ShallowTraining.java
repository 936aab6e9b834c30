package dev.descent.shallow;

/**
 * What MATLAB's {@code [net, tr] = train(net, x, t)} returns.
 *
 * @param network the trained network: the weights of the best validation epoch (of the best
 *     training epoch without a validation set), whatever stopped the run
 * @param record the training record
 */
public record ShallowTraining(ShallowNetwork network, TrainingRecord record) {}
