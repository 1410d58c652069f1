import "@testing-library/jest-dom";
import { installCustomFunctionsGlobal } from "./support/customFunctionsGlobal";

installCustomFunctionsGlobal();
