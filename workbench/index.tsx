import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { sourceFromQuery } from "./session";
import { Workbench } from "./Workbench";

/* global document, window */

const container = document.getElementById("root");
if (container !== null) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Workbench initial={sourceFromQuery(window.location.search)} />
    </FluentProvider>,
  );
}
