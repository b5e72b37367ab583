# tours: see the end of the file once written
