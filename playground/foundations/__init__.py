"""The foundations panel: the perceptron, linear/logistic/softmax regression, backprop by hand, gradient checking, information theory, activations and normalisation."""
