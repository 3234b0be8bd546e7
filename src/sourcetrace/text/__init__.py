"""Text utilities shared by the stages: normalisation with offset maps, segmentation."""
