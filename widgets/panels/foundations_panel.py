"""The foundations panel: the perceptron, regression, backprop by hand, gradient checking, information theory, activations and normalisation. One page per mode, each in its own module of widgets/foundations_views/."""

from __future__ import annotations

from playground.foundations.config import FoundationsConfig
from widgets.foundations_views.perceptron import Page as PerceptronPage
from widgets.foundations_views.regression import Page as RegressionPage
from widgets.foundations_views.backprop import Page as BackpropPage
from widgets.foundations_views.gradient_check import Page as GradientCheckPage
from widgets.foundations_views.information import Page as InformationPage
from widgets.foundations_views.activations import Page as ActivationsPage
from widgets.panels.paged import PagedPanel


class Panel(PagedPanel):
    key = "foundations"
    config_class = FoundationsConfig
    page_classes = {
        "perceptron": PerceptronPage,
        "regression": RegressionPage,
        "backprop": BackpropPage,
        "gradient_check": GradientCheckPage,
        "information": InformationPage,
        "activations": ActivationsPage,
    }


if __name__ == "__main__":  # pragma: no cover
    from widgets.panels.preview import preview

    preview(Panel)
