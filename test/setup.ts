import "@testing-library/jest-dom";
import { configure } from "@testing-library/dom";
import { installCustomFunctionsGlobal } from "./support/customFunctionsGlobal";

installCustomFunctionsGlobal();
// The suite runs on 2-core machines alongside other work: a view re-rendering after a co-author's
// change can take longer than Testing Library's 1 s default to show, and the tests assert what
// shows, not how fast.
configure({ asyncUtilTimeout: 5000 });
