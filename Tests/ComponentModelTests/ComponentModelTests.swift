// Tests for ComponentModel arrive with the issue that fills the target.
import XCTest
@testable import ComponentModel
