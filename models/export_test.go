package models

// MeterStateQuery lets the meter's cost test EXPLAIN the statement itself.
const MeterStateQuery = meterStateQuery
