//! Go-compatible helpers: `strconv.Quote` and `encoding/json` decoding of exec-form arrays.
