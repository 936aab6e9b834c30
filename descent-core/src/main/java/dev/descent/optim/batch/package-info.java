/**
 * Full-batch training functions of MATLAB's shallow toolbox on a flattened float64 parameter
 * vector: {@link dev.descent.optim.batch.ScaledConjugateGradient} ({@code trainscg}),
 * {@link dev.descent.optim.batch.GradientDescent} ({@code traingd}),
 * {@link dev.descent.optim.batch.GradientDescentMomentum} ({@code traingdm}),
 * {@link dev.descent.optim.batch.AdaptiveGradientDescent} ({@code traingda}),
 * {@link dev.descent.optim.batch.AdaptiveMomentumGradientDescent} ({@code traingdx}) and
 * {@link dev.descent.optim.batch.ResilientBackpropagation} ({@code trainrp}).
 *
 * <p>Each works on an {@link dev.descent.optim.batch.Objective} (loss and gradient of all
 * parameters) through the {@link dev.descent.optim.batch.TrainingFunction} interface, one
 * iteration at a time; {@link dev.descent.optim.batch.FullBatchTrainer} adds MATLAB's loop
 * (stopping checks, training record, validation failures, best weights).
 *
 * <p>Symbols: w parameters, g gradient dE/dw, E objective ("performance"), lr learning rate,
 * mc momentum; for trainscg p direction, r = -g, sigma, lambda, lambdaBar, delta, mu, alpha,
 * beta and Delta (the comparison parameter) as in Møller's paper and MATLAB's code.
 */
package dev.descent.optim.batch;
