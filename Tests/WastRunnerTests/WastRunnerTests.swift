// Tests for WastRunner arrive with the issue that fills the target.
import XCTest
@testable import WastRunner
