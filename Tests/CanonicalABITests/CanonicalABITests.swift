// Tests for CanonicalABI arrive with the issue that fills the target.
import XCTest
@testable import CanonicalABI
