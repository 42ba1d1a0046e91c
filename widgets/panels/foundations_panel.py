"""The foundations panel: the perceptron, regression, backprop by hand, gradient checking, information theory, activations and normalisation. One page per mode, each in its own module of widgets/foundations_views/."""

from __future__ import annotations

from playground.foundations.config import FoundationsConfig
from widgets.panels.paged import PagedPanel


class Panel(PagedPanel):
    key = "foundations"
    config_class = FoundationsConfig
    page_classes = {
        "perceptron": "widgets.foundations_views.perceptron:Page",
        "regression": "widgets.foundations_views.regression:Page",
        "backprop": "widgets.foundations_views.backprop:Page",
        "gradient_check": "widgets.foundations_views.gradient_check:Page",
        "information": "widgets.foundations_views.information:Page",
        "activations": "widgets.foundations_views.activations:Page",
    }


if __name__ == "__main__":  # pragma: no cover
    from widgets.panels.preview import preview

    preview(Panel)
