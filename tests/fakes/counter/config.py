from pydantic import BaseModel, ConfigDict, Field


class CounterConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rate: float = Field(1.0, ge=-100, le=100, description="How much the value grows per step")
    noise: float = Field(0.0, ge=0, le=10, description="Seeded noise added each step")
    blow_up_at: int = Field(0, ge=0, description="Step at which the value becomes NaN (0: never)")
    fail_at: int = Field(0, ge=0, description="Step at which the engine raises (0: never)")
    stop_at: int = Field(0, ge=0, description="Step at which the run is finished (0: never)")
    step_cost_us: int = Field(0, ge=0, le=100_000, description="Busy time per step, to mimic work")


CONFIG = CounterConfig
